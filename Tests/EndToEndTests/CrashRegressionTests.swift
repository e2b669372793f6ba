import Foundation
import Testing

/// Each case that once killed the process (SIGILL, SIGSEGV) or gave a wrong
/// answer, run through the real binary: the test build's, and the release
/// build that users run when `scripts/setup` has made it. A signal shows
/// as an exit status above 128 or a crash report; each case must give its
/// answer or one positioned error instead.
@Suite struct CrashRegressionTests {
    /// The binaries to try: the one beside the tests, and the release build.
    static var binaries: [URL] {
        let release = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/release/scicity")
        return FileManager.default.isExecutableFile(atPath: release.path) ? [Binary.url, release] : [Binary.url]
    }

    /// Runs `arguments` in `folder` with each binary; all must agree.
    static func run(_ arguments: [String], in folder: URL) throws -> Binary.Result {
        var results: [Binary.Result] = []
        for binary in binaries {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = "1"
            process.environment = env
            process.currentDirectoryURL = folder
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let result = Binary.collect(process, out, err)
            #expect(process.terminationReason == .exit, "\(binary.path) was killed by signal \(result.status): \(arguments)")
            results.append(result)
        }
        for other in results.dropFirst() {
            #expect(other.text == results[0].text && other.status == results[0].status, "the release build differs: \(arguments)")
        }
        return results[0]
    }

    static func csv(_ statement: String, in folder: URL) throws -> String {
        let result = try run(["-c", statement, "--csv"], in: folder)
        return result.status == 0 ? result.text : "ERROR " + result.errors
    }

    static func folder(_ files: [String: String]) throws -> URL {
        let folder = try Binary.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    // 1. A text column with no values at all.
    @Test func anEmptyTextColumnSortsComparesAggregatesAndJoins() throws {
        let f = try Self.folder(["e.csv": "a,b\n,x\n,y\n"])
        #expect(try Self.csv(#"load "e.csv" | sort a"#, in: f) == "a,b\n,x\n,y\n")
        #expect(try Self.csv(#"load "e.csv" | where a == b"#, in: f) == "a,b\n")
        #expect(try Self.csv(#"load "e.csv" | summarize m = min(a)"#, in: f) == "m\n\n")
        #expect(try Self.csv(#"load "e.csv" | join load "e.csv" as f on b == a"#, in: f) == "e.a,e.b,f.a,f.b\n")
        #expect(try Self.csv(#"load "e.csv" | where a in ("x", b)"#, in: f) == "a,b\n")
        // The right-hand key entirely empty.
        #expect(try Self.csv(#"load "e.csv" | join left load "e.csv" as f on b == a | select e.b, f.b"#, in: f) == "e.b,f.b\nx,\ny,\n")
        #expect(try Self.csv(#"load "e.csv" | summarize n = count() by a"#, in: f) == "a,n\n,2\n")
    }

    // 2. A file over the chunk size whose text column is empty in a later chunk.
    @Test func aSparseTextColumnAcrossChunksLoadsAndImports() throws {
        var text = "id,s\n"
        for i in 0..<600_000 { text += i < 150_000 ? "\(i),v\(i % 7)\n" : "\(i),\n" }
        let f = try Self.folder(["big.csv": text])
        #expect(try Self.csv(#"load "big.csv" | summarize n = count(s)"#, in: f) == "n\n150000\n")
        let imported = try Self.run(["-c", ".import big.csv as big", "-c", "big | summarize n = count(s), d = count_distinct(s)", "--csv"], in: f)
        #expect(imported.text == "n,d\n150000,7\n", "\(imported.errors)")
    }

    // 3. distinct without columns compares whole rows, whatever is read later.
    @Test func distinctOfWholeRowsIsNotNarrowedByLaterStages() throws {
        let f = try Self.folder(["d.csv": "a,b\n1,x\n1,y\n2,x\n1,x\n"])
        #expect(try Self.csv("metrics | distinct | count", in: f) == "count\n13\n")
        #expect(try Self.csv(#"load "d.csv" | distinct | select a"#, in: f) == "a\n1\n1\n2\n")
    }

    // 4. A null in a one-column result survives export and load.
    @Test func aOneColumnNullRowRoundTrips() throws {
        let f = try Self.folder([:])
        _ = try Self.run(["-c", #"article | select a = null | export "n1.csv""#], in: f)
        #expect(try Self.csv(#"load "n1.csv" | count"#, in: f) == "count\n1\n")
        _ = try Self.run(["-c", #"article | select a = "" | export "e1.csv""#], in: f)
        #expect(try String(contentsOf: f.appendingPathComponent("e1.csv"), encoding: .utf8) == "a\n\"\"\n")
        #expect(try Self.csv(#"load "e1.csv" | where a == "" | count"#, in: f) == "count\n1\n")
    }

    // 5. Lone and mismatched surrogate escapes in JSON; numbers out of range.
    @Test func brokenSurrogatesAndHugeNumbersInJSONArePositionedErrors() throws {
        let f = try Self.folder([
            "two-high.json": #"{"\ud83d\ud83d"#,
            "lone-high.json": #"[{"a":"\ud83d"}]"#,
            "lone-low.json": #"[{"a":"x\udc00"}]"#,
            "huge.json": #"[{"a":1e400}]"#,
            "pair.json": #"[{"a":"\ud83d\ude00"}]"#,
        ])
        #expect(try Self.csv(#"load "two-high.json""#, in: f) == "ERROR two-high.json:1:3: error: a high surrogate \\uD83D followed by \\uD83D, which is not a low one\n")
        #expect(try Self.csv(#"load "lone-high.json""#, in: f) == "ERROR lone-high.json:1:8: error: a high surrogate \\uD83D without a low one after it\n")
        #expect(try Self.csv(#"load "lone-low.json""#, in: f) == "ERROR lone-low.json:1:9: error: a low surrogate \\uDC00 without a high one before it\n")
        #expect(try Self.csv(#"load "huge.json""#, in: f) == "ERROR huge.json:1:7: error: the number 1e400 is out of range (a float holds at most about 1.8e308)\n")
        #expect(try Self.csv(#"load "pair.json""#, in: f) == "a\n😀\n")
    }

    // 6. Long flat chains: a positioned error or an answer, never a crash.
    @Test func longFlatChainsRunOrFailWithAPosition() throws {
        let sum = Array(repeating: "1", count: 5000).joined(separator: " + ")
        let ands = Array(repeating: "true", count: 5000).joined(separator: " and ")
        let ors = (0..<3000).map { "value == \($0)" }.joined(separator: " or ")
        let f = try Self.folder(["sum.sq": "article | select x = \(sum)\n", "and.sq": "article | where \(ands) | count\n", "or.sq": "metrics | where \(ors) | count\n"])
        let deep = try Self.run(["sum.sq"], in: f)
        #expect(deep.status == 1)
        #expect(deep.errors.hasPrefix("sum.sq:1:22: error: expression more than 1000 operations deep; split it into steps with derive"))
        #expect(try Self.run(["and.sq", "--csv"], in: f).text == "count\n1\n")
        #expect(try Self.run(["or.sq", "--csv"], in: f).text == "count\n10\n")
    }

    // 7. Joins name both sides consistently, and never make two columns of one name.
    @Test func joinsNameBothSidesAndSelfJoinsNeedAnAlias() throws {
        let f = try Self.folder(["s.csv": "k,v\n1,a\n2,b\n"])
        #expect(try Self.csv(#"load "s.csv" | join load "s.csv" on k == k"#, in: f).contains(#"error: both sides of the join would have a column "s.k"; name the joined table: join … as s2 on …"#))
        #expect(try Self.csv(#"load "s.csv" | join load "s.csv" as t on k == k | select s.v, t.v"#, in: f) == "s.v,t.v\na,a\nb,b\n")
        let imported = try Self.run(["-c", ".import s.csv as s", "-c", "s | join s as t on k == k | select s.v, t.v", "--csv"], in: f)
        #expect(imported.text == "s.v,t.v\na,a\nb,b\n")
        let clash = try Self.run(["-c", ".import s.csv as s", "-c", "s | join s on k == k"], in: f)
        #expect(clash.status == 1)
        #expect(clash.errors.contains("error: both sides of the join would have a column \"s.k\""))
    }

    // 8. Smaller semantics.
    @Test func nullDatesRoundingIntegersAndAbsOverflow() throws {
        let f = try Self.folder(["dn.csv": "d,n\n,9223372036854775807\n2023-01-01,1\n"])
        #expect(try Self.csv(#"load "dn.csv" | select e = d + n, f = d - n"#, in: f) == "e,f\n,\n2023-01-02,2022-12-31\n")
        #expect(try Self.csv("article | select a = round(1234, -2), b = round(1234.0, -2), c = round(-1250, -2), d = round(1249, -2), e = round(5, -1)", in: f) == "a,b,c,d,e\n1200,1200,-1300,1200,10\n")
        #expect(try Self.csv("article | select a = abs(-9223372036854775807 - 1)", in: f).contains("error: integer overflow in abs(-9223372036854775808)"))
    }

    // Found by the property test: two columns of one name after a join.
    @Test func groupingOrDistinctByBothSidesOfAJoinNamesThemApart() throws {
        let f = try Self.folder(["s.csv": "k,v\n1,a\n2,b\n"])
        let result = try Self.csv(#"load "s.csv" | join load "s.csv" as t on k == k | distinct s.v, t.v"#, in: f)
        #expect(result.contains(#"error: distinct would give two columns named "v""#))
        #expect(try Self.csv(#"load "s.csv" | join load "s.csv" as t on k == k | summarize n = count() by s.v, w = t.v"#, in: f) == "v,w,n\na,a,1\nb,b,1\n")
    }
}

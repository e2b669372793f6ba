import Foundation
import Testing

/// A join that cannot fit is refused before it is built, with how many
/// rows it would make, and the session goes on.
@Suite struct MemoryLimitTests {
    /// A fresh folder holding one CSV file of `rows` generated lines.
    static func folder(with name: String, header: String, rows: Int, line: (Int) -> String) throws -> URL {
        let folder = try Binary.temporaryDirectory()
        var text = header + "\n"
        for i in 0..<rows { text += line(i) + "\n" }
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aManyToManyJoinIsRefusedAndTheSessionGoesOn() throws {
        let folder = try Self.folder(with: "mm.csv", header: "k,v", rows: 200_000) { i in "\(i % 2),\(i)" }
        let result = try Binary.run(["-k", "-c", ".limit memory 64MB", "-c", #"load "mm.csv" | join load "mm.csv" as b on k == k | count"#,
                                     "-c", "people | count", "--csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.errors.contains("this join would make 20,000,000,000 rows, about 633 GB, more than the memory limit of 64 MB (.limit memory)"), "\(result.errors)")
        #expect(result.text == "count\n6\n")
        // Under the default limit (half of this machine's memory) it is refused too.
        let unlimited = try Binary.run(["-c", #"load "mm.csv" | join load "mm.csv" as b on k == k | count"#], directory: folder)
        #expect(unlimited.errors.contains("this join would make 20,000,000,000 rows"))
        // One that fits runs.
        let small = try Binary.run(["-c", #"load "mm.csv" | take 10 | join load "mm.csv" as b on v == v | count"#, "--csv"], directory: folder)
        #expect(small.text == "count\n10\n")
    }

    /// An expression can make far more text than its input: each kernel that
    /// makes text counts it against the limit as it goes (before, 200,000
    /// names padded to 100,000 columns asked for 20 GB and the process died).
    @Test func anExpressionThatMakesTooMuchTextStopsAtTheLimit() throws {
        let zeroWidth = String(repeating: "\u{200B}", count: 100)
        let folder = try Self.folder(with: "names.csv", header: "name", rows: 20_000) { i in "名字\(i)" }
        let result = try Binary.run(["-k", "-c", ".limit memory 64MB",
                                     // once per distinct text, row by row, and a function of several arguments
                                     "-c", #"load "names.csv" | derive p = lpad(name, 100000) | where p is null | count"#,
                                     "-c", #"load "names.csv" | derive p = concat(name, lpad("x", 100000)) | where p is null | count"#,
                                     "-c", #"load "names.csv" | derive p = replace(name, "名", rpad("", 60000, "ab")) | where p is null | count"#,
                                     "-c", #"load "names.csv" | derive p = name + rpad("", 60000, "ab") | where p is null | count"#,
                                     // an aggregate: a 10,000-character separator between 20,000 names
                                     "-c", #"load "names.csv" | summarize s = string_agg(name, "abab…")"#.replacingOccurrences(of: "abab…", with: String(repeating: "ab", count: 5_000)),
                                     // one row past the limit by itself: counted after the last row, and a
                                     // replace that would pass it stops as it gets there
                                     "-c", "people | take 1 | select n = length(concat(" + Array(repeating: #"lpad("x", 1000000, "x")"#, count: 70).joined(separator: ", ") + "))",
                                     "-c", #"people | take 1 | select n = length(replace(lpad("x", 1000000, "x"), "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))"#,
                                     // regexp_replace stops as its row gets there too (a million matches each
                                     // replaced by a megabyte would be a terabyte), on both matchers, with the
                                     // pattern or the replacement from a column
                                     "-c", #"people | take 1 | select n = length(regexp_replace(lpad("x", 1000000, "x"), "x", lpad("", 1000000, "y")))"#,
                                     "-c", #"people | take 1 | select n = length(regexp_replace(lpad("x", 200000, "x"), "x(?=x)", lpad("", 1000000, "y")))"#,
                                     "-c", #"people | take 1 | derive x = "x" | select n = length(regexp_replace(lpad("x", 1000000, "x"), x, lpad("", 1000000, "y")))"#,
                                     "-c", #"people | take 1 | derive y = lpad("", 1000000, "y") | select n = length(regexp_replace(lpad("x", 1000000, "x"), "x", y))"#,
                                     // a fill of characters that take no column: a million columns of it is
                                     // 300 MB, refused before it is made, written out or from a column
                                     "-c", #"people | take 1 | select n = length(lpad("b", 1000000, "a\#(zeroWidth)"))"#,
                                     "-c", #"people | take 1 | derive f = "a\#(zeroWidth)" | select n = length(rpad("b", 1000000, f))"#,
                                     "-c", #"load "names.csv" | derive p = lpad(name, 100) | where p is null | count"#,
                                     "-c", "people | count", "--csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.errors.components(separatedBy: "this expression makes more than 64 MB of text, more than the memory limit (.limit memory)").count == 14, "\(result.errors)")
        // One that fits runs, and the session goes on.
        #expect(result.text == "count\n0\ncount\n6\n")
    }

    @Test func limitShowsAndChecksItsSize() throws {
        let result = try Binary.run(["-c", ".limit memory 2GB", "-c", ".limit"])
        #expect(result.errors == "memory: 2 GB\n")
        let bad = try Binary.run(["-c", ".limit memory lots"])
        #expect(bad.errors.contains("usage: .limit memory SIZE"))
    }

    /// A file whose whole read would pass the limit is read a block at a
    /// time where the pipeline allows, and refused before it is read where
    /// it does not (sort, .import): an error, never the out-of-memory killer.
    @Test func aFileLargerThanTheLimitStreamsOrIsRefused() throws {
        let folder = try Self.folder(with: "big.csv", header: "k,v", rows: 200_000) { i in "键\(i % 7),\(i)" }
        let result = try Binary.run(["-k", "-c", ".limit memory 2MB",
                                     "-c", #"load "big.csv" | where v % 2 == 0 | summarize n = count(), s = sum(v) by k | sort k"#,
                                     "-c", #"load "big.csv" | sort v desc | take 1"#,
                                     "-c", ".import big.csv",
                                     "-c", "people | count", "--csv"], directory: folder)
        #expect(result.status == 1)
        let sums = (0..<7).map { key in "键\(key),\((0..<200_000).filter { $0 % 7 == key && $0 % 2 == 0 }.count),\((0..<200_000).filter { $0 % 7 == key && $0 % 2 == 0 }.reduce(0, +))" }
        #expect(result.text == "k,n,s\n" + sums.joined(separator: "\n") + "\ncount\n6\n")
        #expect(result.errors.components(separatedBy: "reading big.csv whole needs about").count == 3, "\(result.errors)")
        #expect(result.errors.contains("more than the memory limit of 2 MB (.limit memory)"))
    }

    @Test func anUnpivotThatWouldNotFitIsRefusedBeforeItIsBuilt() throws {
        let folder = try Self.folder(with: "wide.csv", header: "a,b", rows: 30_000) { i in "\(i),\(i * 2)" }
        let result = try Binary.run(["-k", "-c", ".limit memory 1MB",
                                     "-c", #"load "wide.csv" | unpivot a, b into name, value | count"#,
                                     "-c", #"load "wide.csv" | take 10 | unpivot a, b into name, value | count"#, "--csv"], directory: folder)
        #expect(result.errors.contains("this unpivot would make 60,000 rows"), "\(result.errors)")
        #expect(result.text == "count\n20\n")
    }
}

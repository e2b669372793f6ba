import Foundation
@testable import SciShell
import Testing

@Suite struct CommandLineTests {
    @Test func parsesRepeatedCommandsFilesAndModes() throws {
        let options = try CommandLineOptions.parse(["-c", "a", "file.sq", "--command=b", "--csv", "-i", "-k", "--excel"])
        #expect(options.inputs == [.statement("a"), .file("file.sq"), .statement("b")])
        #expect(options.format == .csv)
        #expect(options.interactive && options.keepGoing && options.excel)
        #expect(try CommandLineOptions.parse(["--mode", "json"]).format == .json)
        #expect(try CommandLineOptions.parse(["--", "-c"]).inputs == [.file("-c")])
    }

    @Test func usageErrors() {
        #expect(throws: CommandLineOptions.UsageError(message: "unknown option --nope")) { try CommandLineOptions.parse(["--nope"]) }
        #expect(throws: CommandLineOptions.UsageError(message: "-c needs a value")) { try CommandLineOptions.parse(["-c"]) }
        #expect(throws: CommandLineOptions.UsageError.self) { try CommandLineOptions.parse(["--mode", "xml"]) }
    }

    @Test func statementBufferWaitsForTheRestOfAStatement() {
        var buffer = StatementBuffer()
        buffer.add("entities |")
        #expect(buffer.needsMore)
        buffer.add("  where kind == \"la")
        #expect(buffer.needsMore)
        buffer.add("b\"")
        #expect(!buffer.needsMore)
        #expect(StatementBuffer.isIncomplete("entities | where (") == true)
        #expect(StatementBuffer.isIncomplete("entities | wher x") == false)
        // A line break ends these: waiting for more would only make the
        // next line a second error.
        for ended in ["metrics | take", "metrics | where", "metrics | where value >", "let x ="] {
            #expect(StatementBuffer.isIncomplete(ended) == false, "\(ended)")
        }
        for open in ["metrics |", "metrics | where value > (", "metrics | where unit == \"亩", "metrics | where value in (1,"] {
            #expect(StatementBuffer.isIncomplete(open) == true, "\(open)")
        }
    }
}

@Suite struct HistoryFileTests {
    func temporary() -> String { NSTemporaryDirectory() + "scicity-history-\(UUID().uuidString)/sub/history" }

    @Test func keepsEntriesAcrossRunsWithoutConsecutiveDuplicates() {
        let path = temporary()
        let history = HistoryFile(path: path, limit: 3)
        var entries = history.load()
        #expect(entries.isEmpty)
        history.append("a", pending: &entries)
        history.append("a", pending: &entries)
        history.append("multi\nline", pending: &entries)
        history.append("c", pending: &entries)
        history.append("d", pending: &entries)
        #expect(HistoryFile(path: path, limit: 3).load() == ["multi\nline", "c", "d"])
    }

    /// Two sessions open at once each add to the file as it is now; the
    /// second no longer writes its own memory over the first one's entries.
    @Test func twoSessionsAtOnceKeepEachOthersEntries() {
        let path = temporary()
        let history = HistoryFile(path: path)
        var a: [String] = [], b: [String] = []
        history.append("a1", pending: &a)
        history.append("b1", pending: &b)
        history.append("a2", pending: &a)
        #expect(history.load() == ["a1", "b1", "a2"])
        #expect(a.isEmpty && b.isEmpty)
    }

    /// Sessions pressing Enter at the same moment: each one's read of the
    /// file and its rename are one step under a lock, so no entry is lost
    /// (without it, 4 writers of 40 entries each lost 70 of the 160).
    @Test func writersAtTheSameMomentLoseNothing() throws {
        let path = temporary()
        let writers = 4, each = 40
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let history = HistoryFile(path: path, limit: 10_000)
            var pending: [String] = []
            for n in 0..<each { history.append("w\(writer) e\(n)", pending: &pending) }
        }
        let entries = HistoryFile(path: path, limit: 10_000).load()
        #expect(entries.count == writers * each)
        #expect(Set(entries).count == writers * each)
        for writer in 0..<writers {
            #expect(entries.filter { $0.hasPrefix("w\(writer) ") } == (0..<each).map { "w\(writer) e\($0)" })
        }
        // The lock is on the folder: nothing is left beside the history.
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["history"])
    }

    /// A statement typed over lines is recalled as one line, unless a line
    /// break is part of it: inside a string (a space would change the
    /// value), or ending a comment.
    @Test(arguments: [
        ("metrics\n  | take 3", "metrics | take 3"),
        ("article | select x = \"第一行\n第二行\" | derive n = length(x)", nil),
        ("metrics # the lot\n| count", nil),
        ("metrics | where unit == \"亩\"\n| count", "metrics | where unit == \"亩\" | count"),
    ] as [(String, String?)])
    func aHistoryEntryKeepsTheBreaksThatMatter(typed: String, recalled: String?) {
        #expect(Program.historyEntry(typed) == recalled ?? typed)
    }

    @Test func aCorruptOrUnreadableFileNeverStopsTheShell() throws {
        let path = temporary()
        FileManager.default.createFile(atPath: path, contents: nil)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A, 0x62, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(HistoryFile(path: path).load() == ["a", "b"])
        #expect(HistoryFile(path: "/nonexistent/dir/history").load() == [])
        var entries: [String] = []
        #expect(HistoryFile(path: "/proc/version/history").append("x", pending: &entries) != nil)
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(HistoryFile.defaultPath(environment: ["SCICITY_HISTORY": "/x/h"]) == "/x/h")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/scicity/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/scicity/history")
    }
}

extension CommandLineTests {
    @Test func parsesEngineMasterAndSQL() throws {
        let options = try CommandLineOptions.parse(["--engine", "duckdb", "--master=spark://head:7077", "--sql", "spark", "-c", "x"])
        #expect(options.engine == .duckdb)
        #expect(options.sparkMaster == "spark://head:7077")
        #expect(options.sqlDialect == .spark)
        #expect(throws: CommandLineOptions.UsageError(message: "unknown engine \"oracle\" (choose builtin, duckdb or spark)")) {
            try CommandLineOptions.parse(["--engine", "oracle"])
        }
        #expect(throws: CommandLineOptions.UsageError.self) { try CommandLineOptions.parse(["--sql", "mysql"]) }
    }
}

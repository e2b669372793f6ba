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
    }
}

@Suite struct HistoryFileTests {
    func temporary() -> String { NSTemporaryDirectory() + "scicity-history-\(UUID().uuidString)/sub/history" }

    @Test func keepsEntriesAcrossRunsWithoutConsecutiveDuplicates() {
        let path = temporary()
        let history = HistoryFile(path: path, limit: 3)
        var entries = history.load()
        #expect(entries.isEmpty)
        history.append("a", to: &entries)
        history.append("a", to: &entries)
        history.append("multi\nline", to: &entries)
        history.append("c", to: &entries)
        history.append("d", to: &entries)
        #expect(HistoryFile(path: path, limit: 3).load() == ["multi\nline", "c", "d"])
    }

    @Test func aCorruptOrUnreadableFileNeverStopsTheShell() throws {
        let path = temporary()
        FileManager.default.createFile(atPath: path, contents: nil)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A, 0x62, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(HistoryFile(path: path).load() == ["a", "b"])
        #expect(HistoryFile(path: "/nonexistent/dir/history").load() == [])
        var entries: [String] = []
        #expect(HistoryFile(path: "/proc/version/history").append("x", to: &entries) != nil)
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

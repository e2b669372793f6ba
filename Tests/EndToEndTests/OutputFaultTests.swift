import Foundation
import Testing

/// Faults on the way out, in the real binary: a reader of standard output
/// that goes away, and a history file that cannot be written.
@Suite struct OutputFaultTests {
    /// `| head -1`: a quiet exit with status 0, nothing on standard error,
    /// and what the script wrote elsewhere before it is whole (no half file,
    /// no temporary left), in every output format.
    @Test(arguments: ["--csv", "--json", "--markdown", "--table"])
    func aClosedPipeIsQuietAndLosesNothingElsewhere(format: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "id,name\n"
        for i in 0..<200_000 { text += "\(i),科学城\(i % 97)\n" }
        try text.write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        let script = #"cd '\#(folder.path)' && scicity -c 'load "big.csv" | export "copy.csv"' -c 'load "big.csv"' -c 'people | export "after.csv"' \#(format) | head -1"#
        let result = try Binary.shell(script)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.text.split(separator: "\n").count == 1)
        // The export before the pipe closed is complete.
        #expect(try String(contentsOf: folder.appendingPathComponent("copy.csv"), encoding: .utf8) == text)
        // scicity stops with its reader, as any filter does: the statement
        // after is not run, and nothing half-written is left.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["big.csv", "copy.csv"], "\(files)")
    }

    /// The history file cannot be written (its path is a folder): said once,
    /// the statements run, the folder is untouched and no temporary is left.
    @Test func aHistoryThatCannotBeWrittenIsSaidOnceAndTheShellGoesOn() throws {
        guard Tmux.isAvailable else { return }
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        let terminal = try Tmux(history: history)
        terminal.type("people | count")
        terminal.press("Enter")
        _ = terminal.waitFor("│     6 │")
        terminal.type("relations | count")
        terminal.press("Enter")
        let screen = terminal.waitFor("│", count: 8)
        #expect(screen.components(separatedBy: "history not saved").count == 2, "\(screen)")
        #expect(screen.contains("│     6 │"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: history.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["history"])
    }
}

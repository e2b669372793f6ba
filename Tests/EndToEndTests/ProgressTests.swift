import Foundation
import Testing

/// A load or export that runs over a second shows one progress line on
/// standard error — bytes, percent, rate, time left — on a terminal only,
/// and clears it when done.
@Suite(.serialized) struct ProgressTests {
    /// About 50 MB: a few seconds for the debug build the tests run.
    static func bigFile() throws -> URL {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("big.csv")
        let made = try Binary.shell("""
        python3 -c 'import sys
        with open(sys.argv[1], "w") as f:
            f.write("id,name,value\\n")
            for i in range(2000000): f.write(f"{i},科学城{i % 1013},{i % 977}.5\\n")' '\(file.path)'
        """)
        #expect(made.status == 0, "\(made.errors)")
        return file
    }

    /// Polls the screen until `done` shows, collecting every line that
    /// matched `pattern` on the way.
    static func watch(_ terminal: Tmux, for done: String, pattern: String) -> (seen: [String], final: String) {
        let regex = try? NSRegularExpression(pattern: pattern)
        var seen: [String] = []
        for _ in 0..<600 {
            let screen = terminal.screen
            for line in screen.split(separator: "\n").map(String.init) {
                let range = NSRange(line.startIndex..., in: line)
                if regex?.firstMatch(in: line, range: range) != nil, seen.last != line { seen.append(line) }
            }
            if screen.contains(done) { return (seen, screen) }
            usleep(50_000)
        }
        return (seen, terminal.screen)
    }

    @Test func aLongLoadAndExportShowProgressOnTheTerminalAndClearIt() throws {
        guard Tmux.isAvailable else { return }
        let file = try Self.bigFile()
        let out = file.deletingLastPathComponent().appendingPathComponent("out.csv")
        let terminal = try Tmux(width: 120, height: 30)
        terminal.paste(["let big = load \"\(file.path)\"", "big | count"])
        let load = Self.watch(terminal, for: "1 row", pattern: #"^loading .*big\.csv  [0-9.]+ [KMG]?B of [0-9.]+ MB  [0-9]+%  [0-9.]+ [KMG]?B/s(  [0-9]+ s left)?$"#)
        #expect(!load.seen.isEmpty, "\(load.final)")
        #expect(load.final.contains("│ 2000000 │"))
        #expect(!load.final.contains("loading "), "\(load.final)")

        terminal.paste(["big | export \"\(out.path)\""])
        let export = Self.watch(terminal, for: "wrote 2000000 rows", pattern: #"^writing .*out\.csv  [0-9.]+ [KMG]?B  [0-9]+%  [0-9.]+ [KMG]?B/s(  [0-9]+ s left)?$"#)
        #expect(!export.seen.isEmpty, "\(export.final)")
        #expect(export.seen.contains { $0.contains(" s left") })
        #expect(!export.final.contains("writing "), "\(export.final)")
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    @Test func noProgressWhenStandardErrorIsNotATerminal() throws {
        let file = try Self.bigFile()
        let out = file.deletingLastPathComponent().appendingPathComponent("out.csv")
        let result = try Binary.run(["--csv", "-c", "let big = load \"\(file.path)\"", "-c", "big | count", "-c", "big | export \"\(out.path)\""])
        #expect(result.status == 0)
        #expect(result.text == "count\n2000000\n")
        #expect(result.errors.isEmpty, "\(result.errors)")
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }
}

import Foundation
import Testing

/// A line that starts with "|" continues the statement before it, at the
/// prompt as in a script; Ctrl-D at a continuation prompt drops the
/// unfinished statement instead of leaving.
@Suite(.serialized) struct PromptContinuationTests {
    /// The README's session, from its prompt lines to its "4 rows".
    static func readmeExample() throws -> (typed: [String], screen: String) {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("scicity> people | where title contains") }),
              let end = lines[start...].firstIndex(of: "4 rows") else { return ([], "the example is missing") }
        let block = Array(lines[start...end])
        let typed = block.prefix { $0.hasPrefix("scicity> ") || $0.hasPrefix("    ...> ") }.map { String($0.dropFirst(9)) }
        return (typed, block.joined(separator: "\n"))
    }

    @Test func theReadmeExampleWorksExactlyAsPrinted() throws {
        guard Tmux.isAvailable else { return }
        let (typed, expected) = try Self.readmeExample()
        #expect(typed.count == 2)
        #expect(typed.last?.hasPrefix("  | select") == true)
        let terminal = try Tmux(width: 120)
        terminal.paste(typed)
        let screen = terminal.waitFor("4 rows")
        #expect(screen.contains(expected), "\(screen)")
        #expect(!screen.contains("error"))
    }

    @Test func aPasteOfSeveralStatementsRunsEachOnceAsAScriptWould() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 100)
        terminal.paste(["people | count", "metrics | count", "  | take 1", "events", "| count"])
        let screen = terminal.waitFor("1 row", count: 3)
        #expect(screen.contains("scicity> metrics | count\n    ...>   | take 1\n┌"), "\(screen)")
        #expect(screen.contains("scicity> events\n    ...> | count\n┌"), "\(screen)")
        #expect(screen.components(separatedBy: "│ count │").count - 1 == 3, "\(screen)")
        #expect(!screen.contains("error"))
        #expect(!screen.contains("│ id "))
    }

    /// A script indented with tabs, pasted: each tab stays a tab instead of
    /// asking for completions (which typed "|" and listed every function).
    @Test func tabsInAPasteAreTextNotCompletion() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 100)
        terminal.paste(["metrics", "\t| where unit == \"亩\"", "\t| select entity, value"])
        let screen = terminal.waitFor("2 rows")
        #expect(screen.contains("│ jinfeng_lab          │   128 │"), "\(screen)")
        #expect(!screen.contains("error"), "\(screen)")
        #expect(!screen.contains("lower"), "\(screen)")
        // A Tab typed by hand still completes.
        terminal.type("peo")
        terminal.press("Tab")
        #expect(terminal.waitFor("scicity> people").contains("scicity> people"))
    }

    @Test func aPipeLineTypedAfterTheStatementRanContinuesIt() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120)
        terminal.paste([#"people | where title contains "院士""#])
        #expect(terminal.waitFor("4 rows").contains("│ bian_xiuwu "))
        terminal.paste(["  | select name_en"])
        let screen = terminal.waitFor("4 rows", count: 2)
        #expect(screen.contains("│ name_en      │\n├"), "\(screen)")
        #expect(!screen.contains("error"))
        // History keeps the whole statement.
        terminal.press("Up")
        let recalled = #"scicity> people | where title contains "院士" | select name_en"#
        #expect(terminal.waitFor(recalled).contains(recalled))
    }

    @Test func aPipeLineAfterADotCommandIsAnError() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120)
        terminal.paste([".mode table"])
        _ = terminal.waitFor("scicity>", count: 2)
        terminal.paste(["| take 1"])
        #expect(terminal.waitFor("error").contains("error: expected a table name"))
    }

    @Test func ctrlDAtAContinuationPromptDropsTheStatementAndStays() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.paste(["people |"])
        _ = terminal.waitFor("...>")
        terminal.press("C-d")
        #expect(terminal.waitFor("dropped").contains("(unfinished statement dropped; Ctrl-D again leaves)"))
        terminal.paste(["metrics | count"])
        let screen = terminal.waitFor("1 row")
        #expect(screen.contains("│    30 │") || screen.contains("│ count │"))
        #expect(!screen.contains("[exited"))
        terminal.press("C-d")
        #expect(terminal.waitFor("[exited 0]").contains("[exited 0]"))
    }
}

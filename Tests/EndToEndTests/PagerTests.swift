import Foundation
import Testing

/// A result taller than the terminal goes through the pager, whole; `.pager
/// off`, `.maxrows` and `.maxwidth` cut instead; the note naming hidden
/// columns stays on one line.
@Suite(.serialized) struct PagerTests {
    static func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
    }

    @Test func aTallResultGoesThroughLessWholeAndQReturnsToThePrompt() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 100, height: 30)
        terminal.paste(["entities"])
        var screen = terminal.waitFor("western_science_city")
        #expect(Self.lastLine(terminal.waitFor("\n:")) == ":", "\(screen)")
        #expect(!screen.contains("⋮"))
        terminal.press("G")
        screen = terminal.waitFor("64 rows")
        #expect(screen.contains("64 rows\n"), "\(screen)")
        #expect(!screen.contains("shown"))
        terminal.press("q")
        for _ in 0..<100 where Self.lastLine(terminal.screen) != "scicity>" { usleep(50_000) }
        #expect(Self.lastLine(terminal.screen) == "scicity>")
        terminal.paste(["people | count"])
        #expect(terminal.waitFor("│     6 │").contains("│     6 │"))
    }

    @Test func pagerOffCutsAtFortyRowsAndMaxrowsChoosesTheCut() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 100, height: 30)
        terminal.paste([".pager off", "entities | select id"])
        var screen = terminal.waitFor("64 rows")
        #expect(screen.contains("64 rows (40 shown)"), "\(screen)")
        #expect(screen.contains("⋮"))
        terminal.paste([".pager on", ".maxrows 6", "entities | select id"])
        screen = terminal.waitFor("64 rows (6 shown)")
        #expect(screen.contains("64 rows (6 shown)"), "\(screen)")
        #expect(Self.lastLine(screen) == "scicity>")
    }

    /// A `$PAGER` that names no program: the result is shown here, cut as
    /// `.pager off` cuts, with a word on what to do (it was not shown at all).
    @Test func aPagerThatCannotBeRunShowsTheResultHereCut() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120, height: 60, environment: ["PAGER": "no-such-pager-here"])
        terminal.paste(["entities | select id"])
        let screen = terminal.waitFor("64 rows")
        #expect(screen.contains("64 rows (40 shown)"), "\(screen)")
        #expect(screen.contains("the pager \"no-such-pager-here\" could not be run"), "\(screen)")
    }

    /// A pager that fails (PAGER=false showed nothing and said nothing).
    @Test func aPagerThatFailsShowsTheResultHereCut() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120, height: 60, environment: ["PAGER": "false"])
        terminal.paste(["entities | select id"])
        let screen = terminal.waitFor("64 rows")
        #expect(screen.contains("64 rows (40 shown)"), "\(screen)")
        #expect(screen.contains("the pager \"false\" failed (exit status 1)"), "\(screen)")
    }

    /// PAGER=less, as many set it: the header's bold reaches less with
    /// LESS=SRFX (as git sets LESS), so it shows bold, not "ESC[1m".
    @Test func aPlainLessPagerShowsTheHeaderWithoutEscapeCodes() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 100, height: 30, environment: ["PAGER": "less"])
        terminal.paste(["entities | select id"])
        let screen = terminal.waitFor("western_science_city")
        #expect(screen.contains("│ id "), "\(screen)")
        #expect(!screen.contains("ESC["), "\(screen)")
        terminal.press("q")
    }

    @Test func maxwidthFitsTablesToFewerColumnsThanTheTerminal() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120)
        terminal.paste([".maxwidth 50", "metrics | take 2"])
        let screen = terminal.waitFor("2 rows")
        let tableLines = screen.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
        #expect(!tableLines.isEmpty)
        for line in tableLines { #expect(DisplayColumns.width(String(line)) <= 50, "\(line)") }
    }

    @Test func threeHundredHiddenColumnsAreNamedOnOneLine() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("wide.csv")
        var text = (0..<300).map { "column_\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<3 { text += (0..<300).map { "\(row * $0)" }.joined(separator: ",") + "\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["-c", "load \"\(file.path)\""], environment: ["COLUMNS": "120"])
        #expect(result.status == 0)
        let lines = result.text.split(separator: "\n").map(String.init)
        let footer = lines.last ?? ""
        #expect(footer.hasPrefix("3 rows; "), "\(footer)")
        #expect(footer.contains("more columns not shown: column_"))
        #expect(footer.hasSuffix(", …"))
        #expect(DisplayColumns.width(footer) <= 120, "\(footer)")
        for line in lines { #expect(DisplayColumns.width(line) <= 120) }
    }
}

import Foundation
import Testing

/// The prompt, driven through a real terminal (tmux) as a person would.
@Suite(.serialized) struct PromptTests {
    init() {
        #expect(Tmux.isAvailable, "tmux is needed for the terminal tests: scripts/setup installs it")
    }

    @Test func typesAPipelineAndReadsTheTableOffTheScreen() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type(#"entities | where kind == "lab" | select id, name"#)
        terminal.press("Enter")
        let screen = terminal.waitFor("4 rows")
        #expect(screen.contains("│ jinfeng_lab             │ 金凤实验室         │"))
        #expect(screen.contains("│ intelligent_vehicle_lab │ 智能网联汽车实验室 │"))
    }

    @Test func tabCompletesATableAStageAndAColumn() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type("metr")
        terminal.press("Tab")
        _ = terminal.waitFor("scicity> metrics ")
        terminal.type("| summ")
        terminal.press("Tab")
        _ = terminal.waitFor("summarize ")
        terminal.type("total = sum(val")
        terminal.press("Tab")
        // (tmux drops the trailing space completion adds from the screen.)
        let screen = terminal.waitFor("sum(value")
        #expect(screen.contains("scicity> metrics | summarize total = sum(value"))
        terminal.type(")")
        terminal.press("Enter")
        #expect(terminal.waitFor("1 row").contains("147614.4"))
    }

    @Test func tabListsTheCandidatesWhenSeveralRemain() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type("entities | s")
        terminal.press("Tab")
        let screen = terminal.waitFor("summarize")
        #expect(screen.contains("select"))
        #expect(screen.contains("sort"))
    }

    @Test func tabPutsANameWithASpaceInBackquotes() throws {
        guard Tmux.isAvailable else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-tab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Unit Price,Unit Cost,名称 (中文)\n12.5,3,科学城\n".write(to: folder.appendingPathComponent("sales data.csv"), atomically: true, encoding: .utf8)
        let terminal = try Tmux()
        // The file's name has a space: Tab puts the path in quotes.
        terminal.type(".import \(folder.path)/sal")
        terminal.press("Tab")
        _ = terminal.waitFor("sales data.csv\"")
        terminal.type("as sales")
        terminal.press("Enter")
        _ = terminal.waitFor("1 row")
        // Typed bare, the name is taken back and put in backquotes; the
        // shared start opens the backquote, the next Tab closes it.
        terminal.type("sales | select 名")
        terminal.press("Tab")
        _ = terminal.waitFor("select `名称 (中文)`")
        terminal.type(", Un")
        terminal.press("Tab")
        _ = terminal.waitFor("`名称 (中文)`, `Unit ")
        terminal.type("P")
        terminal.press("Tab")
        _ = terminal.waitFor("`Unit Price`")
        terminal.press("Enter")
        let screen = terminal.waitFor("1 row", count: 2)
        #expect(screen.contains("│ 科学城      │       12.5 │"), "\(screen)")
    }

    /// A recalled line edited before its closing quote: Tab completes
    /// inside it and the cursor goes on past the quote, so what is typed
    /// next lands after it.
    @Test func tabBeforeAClosingQuoteStepsOverIt() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type(#"entities | where kind == "la""#)
        terminal.press("Left")
        terminal.press("Tab")
        _ = terminal.waitFor(#"kind == "lab""#)
        terminal.type(" | count")
        terminal.press("Enter")
        let screen = terminal.waitFor("1 row")
        #expect(screen.contains(#"scicity> entities | where kind == "lab" | count"#), "\(screen)")
        #expect(screen.contains("│     4 │"), "\(screen)")
    }

    /// A line longer than the terminal is wide: the redraw below the
    /// listing went up over its last rows (a one-row listing vanished).
    @Test func tabListsCandidatesUnderALineThatWraps() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 60, height: 30)
        terminal.type(#"entities | where kind != "lab" and kind != "city" and kind != "district" | select na"#)
        terminal.press("Tab")
        let screen = terminal.waitFor("name_en")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("name") && $0.contains("name_en") }, "\(screen)")
        // The line is drawn again below the listing, whole.
        #expect(Self.lastLines(screen, 2).hasSuffix("| select name"), "\(screen)")
        // With the cursor on the first row of the wrapped line, the listing
        // goes below the whole line, not over its second row.
        let second = try Tmux(width: 60, height: 30)
        second.type(#"entities | select na, kind | where kind != "lab" and kind != "city""#)
        second.press("C-a")
        for _ in 0..<20 { second.press("Right") }
        second.press("Tab")
        let after = second.waitFor("name_en")
        let listingLine = after.split(separator: "\n").first { $0.contains("name_en") } ?? ""
        #expect(listingLine.hasPrefix("name") && !listingLine.contains("kind"), "\(after)")
        #expect(after.components(separatedBy: #"!= "city""#).count - 1 == 2, "the line before the listing and after it, whole: \(after)")
    }

    static func lastLines(_ screen: String, _ count: Int) -> String {
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.suffix(count).joined()
    }

    @Test func recallsWithTheUpArrowAndCtrlR() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type("people | count")
        terminal.press("Enter")
        _ = terminal.waitFor("1 row")
        terminal.type("events | count")
        terminal.press("Enter")
        _ = terminal.waitFor("1 row", count: 2)
        terminal.press("Up")
        _ = terminal.waitFor("scicity> events | count")
        terminal.press("Enter")
        #expect(terminal.waitFor("1 row", count: 3).components(separatedBy: "│     8 │").count - 1 == 2)
        terminal.press("C-r")
        terminal.type("peo")
        _ = terminal.waitFor("people | count", count: 2)
        terminal.press("Enter")
        let screen = terminal.waitFor("1 row", count: 4)
        #expect(screen.components(separatedBy: "│     6 │").count - 1 == 2)
    }

    @Test func editsALineHoldingChineseText() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        // Type the name with a character missing, then move back over the
        // wide characters and put it in: the cursor must land where shown.
        terminal.type(#"entities | where name == "金凤实室" | select id"#)
        for _ in 0..<14 { terminal.press("Left") }
        terminal.type("验")
        _ = terminal.waitFor("金凤实验室")
        terminal.press("End")
        terminal.press("Enter")
        let screen = terminal.waitFor("1 row")
        #expect(screen.contains("│ jinfeng_lab │"))
    }

    @Test func ctrlCClearsTheInputAndCtrlDLeaves() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type("entities |")
        terminal.press("Enter")
        _ = terminal.waitFor("...>")
        terminal.type("where broken")
        terminal.press("C-c")
        _ = terminal.waitFor("scicity>", count: 2)
        terminal.type("people | count")
        terminal.press("Enter")
        let screen = terminal.waitFor("1 row")
        #expect(screen.contains("│     6 │"))
        #expect(!screen.contains("error"))
        terminal.press("C-d")
        #expect(terminal.waitFor("[exited 0]").contains("[exited 0]"))
    }

    @Test func historyIsThereInAFreshRun() throws {
        guard Tmux.isAvailable else { return }
        let folder = try Binary.temporaryDirectory()
        let history = folder.appendingPathComponent("state/history")
        do {
            let first = try Tmux(history: history)
            first.type("article | select outlet")
            first.press("Enter")
            _ = first.waitFor("1 row")
            first.press("C-d")
            _ = first.waitFor("[exited 0]")
        }
        #expect(try String(contentsOf: history, encoding: .utf8).contains("article | select outlet\n"))
        let second = try Tmux(history: history)
        second.press("Up")
        _ = second.waitFor("scicity> article | select outlet")
        second.press("Enter")
        #expect(second.waitFor("1 row").contains("上游新闻"))
    }

    @Test func aWideTableIsFittedToANarrowTerminal() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 60)
        terminal.type("metrics | take 2")
        terminal.press("Enter")
        let screen = terminal.waitFor("2 rows")
        for line in screen.split(separator: "\n") where line.hasPrefix("│") || line.hasPrefix("┌") {
            #expect(DisplayColumns.width(String(line)) <= 60, "\(line)")
        }
        #expect(screen.contains("…"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        guard Tmux.isAvailable else { return }
        let coloured = try Tmux()
        coloured.type("metrics | where as_of is null | select as_of")
        coloured.press("Enter")
        _ = coloured.waitFor("1 row")
        let escapes = (try? coloured.tmux(["capture-pane", "-t", "0", "-p", "-e"])) ?? ""
        #expect(escapes.contains("\u{1B}["))
        let plain = try Tmux(environment: ["NO_COLOR": "1"])
        plain.type("metrics | where as_of is null | select as_of")
        plain.press("Enter")
        _ = plain.waitFor("1 row")
        let none = (try? plain.tmux(["capture-pane", "-t", "0", "-p", "-e"])) ?? ""
        #expect(!none.contains("\u{1B}[2m"))
    }

    @Test func ctrlCStopsARunningStatementAndTheShellStays() throws {
        guard Tmux.isAvailable else { return }
        let folder = try Binary.temporaryDirectory()
        let big = folder.appendingPathComponent("big.csv")
        var text = "id,name,value\n"
        text.reserveCapacity(40 << 20)
        for i in 0..<1_000_000 { text += "\(i),科学城\(i % 1013),\(i % 977).5\n" }
        try text.write(to: big, atomically: true, encoding: .utf8)
        let terminal = try Tmux()
        terminal.type("load \"\(big.path)\" | sort value desc | derive x = value * 2 | take 1")
        terminal.press("Enter")
        usleep(300_000)
        terminal.press("C-c")
        let screen = terminal.waitFor("interrupted")
        #expect(screen.contains("error: interrupted"))
        // Below the terminal's "^C", not run on after it.
        #expect(!screen.contains("^Cerror"), "\(screen)")
        _ = terminal.waitFor("scicity>", count: 2)
        terminal.type("people | count")
        terminal.press("Enter")
        #expect(terminal.waitFor("│     6 │").contains("│     6 │"))
        try? FileManager.default.removeItem(at: folder)
    }

    /// Ctrl-Z at the prompt suspends scicity, as it does a running
    /// statement and as in sqlite3 and bash; fg brings the line back as it was.
    @Test func ctrlZAtThePromptSuspendsAndFgResumesTheLine() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(jobControl: true)
        terminal.type("peo")
        terminal.press("C-z")
        #expect(terminal.waitFor("Stopped").contains("Stopped"), "\(terminal.screen)")
        terminal.type("fg")
        terminal.press("Enter")
        _ = terminal.waitFor("scicity> peo", count: 2)
        terminal.type("ple | count")
        terminal.press("Enter")
        let screen = terminal.waitFor("│     6 │")
        #expect(screen.contains("scicity> people | count\n┌"), "\(screen)")
    }

    /// `.import -` at the prompt reads the terminal until Ctrl-D; Ctrl-C
    /// stops it at once (it waited for another Enter before).
    @Test func ctrlCStopsAnImportReadingTheTerminal() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux()
        terminal.type(".import - as typed")
        terminal.press("Enter")
        terminal.type("a,b")
        terminal.press("Enter")
        usleep(200_000)
        terminal.press("C-c")
        let screen = terminal.waitFor("interrupted")
        #expect(screen.contains("error: interrupted"), "\(screen)")
        _ = terminal.waitFor("scicity>", count: 2)
        terminal.type("people | count")
        terminal.press("Enter")
        #expect(terminal.waitFor("│     6 │").contains("│     6 │"))
    }

    /// The typed statement needs no place, but a file's error keeps its
    /// line and column at the prompt as everywhere else.
    @Test func aFilesErrorAtThePromptSaysWhereInTheFile() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 200)
        try Data("a,b\n1,2\n3\n".utf8).write(to: terminal.home.appendingPathComponent("short.csv"))
        terminal.type(".import \(terminal.home.path)/short.csv as s")
        terminal.press("Enter")
        #expect(terminal.waitFor("error").contains("short.csv:3:1: error: expected 2 fields as in the header, found 1"))
        terminal.type("metrics | tkae 1")
        terminal.press("Enter")
        let screen = terminal.waitFor("error", count: 2)
        #expect(screen.contains("\nerror: unknown stage \"tkae\""), "\(screen)")
    }

    /// What an import made, counted in English, and that a file named like
    /// one of the article's tables now stands in its place.
    @Test func anImportAtThePromptSaysWhatItMadeAndWhatItHid() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 200)
        try Data("a\n1\n".utf8).write(to: terminal.home.appendingPathComponent("people.csv"))
        terminal.type(".import \(terminal.home.path)/people.csv")
        terminal.press("Enter")
        let screen = terminal.waitFor("imported")
        #expect(screen.contains("imported 1 row, 1 column as people, in place of the article's table people (as NAME keeps both)"), "\(screen)")
        terminal.type(".import \(terminal.home.path)/people.csv as p2")
        terminal.press("Enter")
        #expect(terminal.waitFor("column as p2").contains("imported 1 row, 1 column as p2\n"))
    }

    @Test func dashIOpensThePromptAfterTheCommandsWithTheirTables() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(arguments: ["-c", "let labs = entities | where kind == \"lab\"", "-i"])
        terminal.type("labs | count")
        terminal.press("Enter")
        #expect(terminal.waitFor("1 row").contains("│     4 │"))
    }
}

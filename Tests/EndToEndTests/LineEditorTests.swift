import Foundation
import Testing

/// The line editor after a window resize, and over Chinese text: what is
/// shown is what is edited, and the cursor is where the next key lands.
@Suite(.serialized) struct LineEditorTests {
    func cursor(_ terminal: Tmux) -> (x: Int, y: Int) {
        let text = (try? terminal.tmux(["display-message", "-p", "-t", "0", "#{cursor_x} #{cursor_y}"])) ?? ""
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (-1, -1)
    }

    /// Polls (up to two seconds) until the cursor is at column `x`; returns
    /// where it is either way.
    func cursorX(_ terminal: Tmux, becomes x: Int) -> Int {
        var current = -1
        for _ in 0..<40 {
            current = cursor(terminal).x
            if current == x { return current }
            usleep(50_000)
        }
        return current
    }

    /// The input as shown: the prompt's line and the lines it wraps onto.
    func shownInput(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("scicity> ") }) else { return "" }
        return lines[start...].prefix { !$0.isEmpty }.joined()
    }

    @Test func afterAResizeTheLineIsRedrawnAtTheNewWidthAndEditsLandWhereShown() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 120, height: 30)
        terminal.type(#"people | where name_en contains "Bian" | select"#)
        _ = terminal.waitFor("| select")
        try terminal.tmux(["resize-window", "-t", "0", "-x", "40", "-y", "30"])
        usleep(300_000)
        terminal.type(" name, role")
        terminal.press("C-a")
        terminal.type("X")
        let screen = terminal.waitFor("scicity> X")
        #expect(shownInput(screen) == #"scicity> Xpeople | where name_en contains "Bian" | select name, role"#, "\(screen)")
        // The cursor is right after the X, on the prompt's line.
        #expect(cursorX(terminal, becomes: 10) == 10)
        terminal.press("BSpace")
        terminal.press("Enter")
        let result = terminal.waitFor("1 row")
        #expect(result.contains("│ 卞修武 │ 金凤实验室主任 │"), "\(result)")
        #expect(!result.contains("error"))
    }

    @Test(arguments: [40, 120])
    func leftOverChineseTextPutsTheCursorBeforeTheCharacter(width: Int) throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: width)
        terminal.type(".cite 金凤实验室")
        _ = terminal.waitFor("金凤实验室")
        let start = "scicity> .cite ".count
        #expect(cursorX(terminal, becomes: start + 10) == start + 10)
        for left in 1...5 {
            terminal.press("Left")
            #expect(cursorX(terminal, becomes: start + 10 - 2 * left) == start + 10 - 2 * left, "after \(left) Left")
        }
        terminal.press("Right")
        #expect(cursorX(terminal, becomes: start + 2) == start + 2)
        terminal.type("X")
        #expect(terminal.waitFor("金X凤").contains("scicity> .cite 金X凤实验室"))
        // The cursor is drawn right after the X (it was a cell too far right).
        #expect(cursorX(terminal, becomes: start + 3) == start + 3)
        terminal.type("Y")
        #expect(terminal.waitFor("金XY凤").contains("scicity> .cite 金XY凤实验室"))
        #expect(cursorX(terminal, becomes: start + 4) == start + 4)
    }
}

import CEditLineShim
import SciLanguage
import SciShell
#if canImport(Glibc)
import Glibc
#endif

/// The prompt's line editor: libedit with Emacs keys, Ctrl-R history search,
/// wide-character editing, Tab completion and a history file.
final class LibEditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: HistoryFile?
    /// Entries a failed write did not save yet.
    private var unsavedHistory: [String] = []
    private let completionBox = CompletionBox()
    private let terminalWidth: () -> Int

    init?(history: HistoryFile?, terminalWidth: @escaping () -> Int) {
        // libedit edits multibyte text only under a UTF-8 LC_CTYPE.
        _ = sce_ensure_utf8_locale()
        guard let editor = sce_open("scicity") else { return nil }
        self.editor = editor
        self.history = history
        self.terminalWidth = terminalWidth
        if let history {
            for entry in history.load() { sce_history_add(editor, entry) }
        }
        completionBox.width = terminalWidth
        sce_set_completer(editor, { context, before, after in
            guard let context, let before, let after else { return sce_completion(insert: nil, listing: nil, replace: 0, step_over: 0) }
            let box = Unmanaged<CompletionBox>.fromOpaque(context).takeUnretainedValue()
            return box.complete(before: String(cString: before), after: String(cString: after))
        }, Unmanaged.passUnretained(completionBox).toOpaque())
    }

    deinit {
        sce_close(editor)
    }

    func readLine(prompt: String, completer: @escaping (String, String) -> Completion) -> LineReadResult {
        completionBox.completer = completer
        completionBox.prompt = prompt
        sce_set_prompt(editor, prompt)
        var count: Int32 = 0
        var interrupted: Int32 = 0
        let line = sce_gets(editor, &count, &interrupted)
        // Ctrl-C first: the editor may hand back an empty buffer or none.
        if interrupted != 0 { return .interrupted }
        guard let line else {
            _ = write(1, "\n", 1)
            return .end
        }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    func addHistory(_ entry: String) {
        sce_history_add(editor, entry)
        if let history, let problem = history.append(entry, pending: &unsavedHistory) {
            // History is a convenience: say once that it failed, then go on.
            if !warnedAboutHistory {
                let message = Array("scicity: history not saved: \(problem)\n".utf8)
                _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                warnedAboutHistory = true
            }
        }
    }

    private var warnedAboutHistory = false
}

/// Carries the Swift completer to the C callback.
final class CompletionBox {
    var completer: ((String, String) -> Completion)?
    var width: () -> Int = { 80 }
    var prompt = ""

    func complete(before: String, after: String) -> sce_completion {
        guard let completer else { return sce_completion(insert: nil, listing: nil, replace: 0, step_over: 0) }
        let completion = completer(before, after)
        let insert = completion.insert.isEmpty ? nil : strdup(completion.insert)
        var listing: UnsafeMutablePointer<CChar>?
        if completion.candidates.count > 1 {
            let width = max(20, width())
            // The listing starts below the whole line (the cursor may be on
            // an earlier row of a wrapped line), and libedit redraws the
            // line below it by first going up as many rows as the cursor
            // was down the line: blank rows for it to go up over.
            let cursorRow = Self.cursorRow(of: prompt + before, width: width)
            let lastRow = Self.cursorRow(of: prompt + before + after, width: width)
            listing = strdup(String(repeating: "\n", count: max(0, lastRow - cursorRow)) + Completer.listing(completion.candidates, width: width)
                + String(repeating: "\n", count: cursorRow))
        }
        return sce_completion(insert: insert, listing: listing, replace: Int32(clamping: completion.replace), step_over: Int32(clamping: completion.stepOver))
    }

    /// The row (0 for the first) that the end of `text` is on when a
    /// terminal `width` columns wide wraps it: a wide character that does
    /// not fit goes to the next row, and a full row puts the cursor on the
    /// next. At worst one more than libedit counts, which leaves a blank row.
    static func cursorRow(of text: String, width: Int) -> Int {
        var row = 0
        var column = 0
        for character in text {
            let cells = character == "\t" ? 8 : DisplayWidth.of(String(character))
            if column + cells > width {
                row += 1
                column = 0
            }
            column += cells
            if column >= width {
                row += 1
                column = 0
            }
        }
        return row
    }
}

extension LibEditLineReader {
    /// A pasted statement arrives with its "|" lines already waiting; a
    /// moment's wait also catches a terminal that delivers a paste in pieces.
    func nextLineContinuesStatement() -> Bool {
        sce_typeahead_continues(editor, 15) != 0
    }
}

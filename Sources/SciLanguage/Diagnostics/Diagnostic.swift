/// One error, told once: what went wrong and where. Parse, name, type and
/// runtime errors all take this shape, so that every front end (the prompt, a
/// script, a test) reports them the same way.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Where in the statement, as scalar offsets, when the error has a place.
    public var range: SourceRange?
    /// Filled in by `located(in:)` once the source text is known.
    public var location: SourceLocation?
    public var snippet: Snippet?
    /// True when the text simply stopped too early (an open quote, a trailing
    /// `|`): the prompt then asks for another line instead of reporting.
    public var isIncomplete: Bool

    public init(message: String, range: SourceRange? = nil, location: SourceLocation? = nil, isIncomplete: Bool = false) {
        self.message = message
        self.range = range
        self.location = location
        self.snippet = nil
        self.isIncomplete = isIncomplete
    }

    /// The offending line with a caret under the offending token.
    public struct Snippet: Sendable, Equatable {
        public var line: String
        public var caretColumn: Int
        public var caretWidth: Int
    }

    /// Attaches the file, line, column and the caret snippet.
    public func located(in source: SourceText) -> Diagnostic {
        guard let range, location == nil else { return self }
        var copy = self
        let start = max(0, min(range.start, source.scalars.count))
        copy.location = source.location(of: start)
        let (lineText, lineStart) = source.lineText(containing: start)
        let before = source.slice(SourceRange(lineStart, start))
        let lineEnd = lineStart + lineText.unicodeScalars.count
        let token = source.slice(SourceRange(start, min(max(range.end, start), lineEnd)))
        copy.snippet = Snippet(
            line: lineText,
            caretColumn: DisplayWidth.of(before),
            caretWidth: max(1, DisplayWidth.of(token))
        )
        return copy
    }

    /// `FILE:LINE:COL: error: MESSAGE`, then the line and a caret.
    public func rendered(showSource: Bool = true) -> String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: \(message)"
        if showSource, let snippet {
            text += "\n  " + snippet.line.replacingTabs() + "\n  "
            text += String(repeating: " ", count: snippet.caretColumn)
            text += "^" + String(repeating: "~", count: max(0, snippet.caretWidth - 1))
        }
        return text
    }

    public var description: String { rendered() }
}

extension String {
    /// Tabs would make the caret land in the wrong place.
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}

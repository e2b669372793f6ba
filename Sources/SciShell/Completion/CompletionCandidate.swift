import SciLanguage

/// One thing Tab could put at the cursor, and how it must be quoted when it
/// cannot be typed as it is.
struct CompletionCandidate: Equatable {
    enum Quoting: Equatable {
        /// Keywords, functions, stages, and text already written for the
        /// string it goes in: typed as they are.
        case never
        /// A table or column name: in backquotes when it is not one plain
        /// word (`Unit Price`, `by`).
        case name
        /// A dot-command's file path or table: in double quotes when it
        /// holds a space or a character the dot-command line treats
        /// specially (single quotes when it holds a double quote).
        case shellWord
    }

    var text: String
    var quoting: Quoting = .never

    /// The quote that goes around this one, if it needs one.
    var quote: Character? {
        switch quoting {
        case .never: nil
        case .name: NameSpelling.isBare(text) ? nil : "`"
        case .shellWord: Self.needsShellQuotes(text) ? (text.contains("\"") ? "'" : "\"") : nil
        }
    }

    /// As it is listed: quoted where it must be.
    var listed: String {
        quote.map { "\($0)\(text)\($0)" } ?? text
    }

    static func needsShellQuotes(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == ";" || $0 == "#" }
    }
}

extension [CompletionCandidate] {
    static func names(_ names: [String]) -> [CompletionCandidate] {
        names.map { CompletionCandidate(text: $0, quoting: .name) }
    }

    static func words(_ words: [String]) -> [CompletionCandidate] {
        words.map { CompletionCandidate(text: $0) }
    }
}

/// How a table or column name is written in a statement: as it is when it
/// reads back as that name, in backquotes when it holds anything else (a
/// space, punctuation, a leading digit) or is a word the parser keeps for
/// itself. Completion inserts names this way, so a CSV header like
/// `Unit Price` or `by` becomes text that parses.
public enum NameSpelling {
    public static func spelled(_ name: String) -> String {
        isBare(name) ? name : "`" + name + "`"
    }

    /// True when `name` typed without backquotes is read as that name: one
    /// word, or words joined by dots (a joined table's `u.price`), none of
    /// them a keyword.
    public static func isBare(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.isNameStart,
                  part.unicodeScalars.allSatisfy(\.isNameContinue) else { return false }
            return !Parser.reservedWords.contains(String(part)) && !literalWords.contains(String(part))
        }
    }

    /// Words that read as values, not names.
    static let literalWords: Set<String> = ["true", "false", "null"]
}

/// How text is written inside a string literal quoted with `quote`: the
/// escapes the lexer reads back (`\\`, `\"`, `\'`, `\n`, `\t`).
public enum StringSpelling {
    public static func escaped(_ text: String, quote: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case quote: result.append("\\"); result.append(quote)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

/// The smallest meaningful pieces of a statement.
public enum TokenKind: Equatable, Sendable {
    /// A bare word: a table, column, stage, keyword or function name.
    /// Keywords are recognised by the parser where they can stand, so a
    /// column may still be called `count` or `date`.
    case word(String)
    /// `` `a name with spaces` ``: always a name, never a keyword.
    case quotedName(String)
    case string(String)
    case integer(Int64)
    /// A number with a point and no exponent, held exactly.
    case decimal(ExactDecimal)
    /// A number with an exponent (`1e300`) or too many digits for a decimal.
    case float(Double)
    /// `@2023-03-27`, `@2022-06` or `@2023-03-31T10:33:59`, kept as written; the parser checks it.
    case date(String)
    /// `.name args…` at the start of a statement, up to the end of the line.
    case dotCommand(String)
    case pipe, comma, dot, leftParen, rightParen, semicolon, newline
    case assign, equal, notEqual, less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, percent
    /// Something the lexer could not read; the message says why.
    case invalid(String, incomplete: Bool)
    case end
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public var word: String? {
        if case .word(let text) = kind { return text }
        return nil
    }

    /// How the token reads in an error message.
    public var spelling: String {
        switch kind {
        case .word(let w): return "\"\(w)\""
        case .quotedName(let w): return "`\(w)`"
        case .string: return "a string"
        case .integer, .decimal, .float: return "a number"
        case .date: return "a date"
        case .dotCommand: return "a dot-command"
        case .pipe: return "\"|\""
        case .comma: return "\",\""
        case .dot: return "\".\""
        case .leftParen: return "\"(\""
        case .rightParen: return "\")\""
        case .semicolon: return "\";\""
        case .newline: return "the end of the line"
        case .assign: return "\"=\""
        case .equal: return "\"==\""
        case .notEqual: return "\"!=\""
        case .less: return "\"<\""
        case .lessEqual: return "\"<=\""
        case .greater: return "\">\""
        case .greaterEqual: return "\">=\""
        case .plus: return "\"+\""
        case .minus: return "\"-\""
        case .star: return "\"*\""
        case .slash: return "\"/\""
        case .percent: return "\"%\""
        case .invalid(let message, _): return message
        case .end: return "the end of the input"
        }
    }
}

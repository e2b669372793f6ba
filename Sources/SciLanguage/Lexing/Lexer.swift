/// Turns source text into tokens. It never fails: what it cannot read becomes
/// an `.invalid` token that the parser reports with its position, so one bad
/// character cannot hide the rest of a script.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// Open parentheses: inside them a line end does not end the statement.
    private var depth = 0
    /// True where the next token begins a statement (dot-commands live there).
    private var atStatementStart = true

    public init(_ source: SourceText) {
        self.scalars = source.scalars
    }

    public static func tokenize(_ source: SourceText) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    public mutating func next() -> Token {
        skipSpaceAndComments()
        let start = position
        guard let c = peek() else { return Token(.end, SourceRange(start, start)) }
        let wasAtStart = atStatementStart
        atStatementStart = false
        position += 1
        func token(_ kind: TokenKind) -> Token { Token(kind, SourceRange(start, position)) }

        switch c {
        case "\n":
            if depth > 0 { return next() }
            atStatementStart = true
            return token(.newline)
        case ";":
            depth = 0
            atStatementStart = true
            return token(.semicolon)
        case "|": return token(.pipe)
        case ",": return token(.comma)
        case "(":
            depth += 1
            return token(.leftParen)
        case ")":
            depth = max(0, depth - 1)
            return token(.rightParen)
        case "+": return token(.plus)
        case "-": return token(.minus)
        case "*": return token(.star)
        case "/": return token(.slash)
        case "%": return token(.percent)
        case "=":
            if peek() == "=" { position += 1; return token(.equal) }
            return token(.assign)
        case "!":
            if peek() == "=" { position += 1; return token(.notEqual) }
            return token(.invalid("unexpected \"!\" (write \"not\" or \"!=\")", incomplete: false))
        case "<":
            if peek() == "=" { position += 1; return token(.lessEqual) }
            if peek() == ">" { position += 1; return token(.notEqual) }
            return token(.less)
        case ">":
            if peek() == "=" { position += 1; return token(.greaterEqual) }
            return token(.greater)
        case "\"", "'":
            return lexString(quote: c, start: start)
        case "`":
            return lexQuotedName(start: start)
        case "@":
            return lexDate(start: start)
        case ".":
            if wasAtStart, let next = peek(), next.isASCIILetter {
                return lexDotCommand(start: start)
            }
            if let next = peek(), next.isASCIIDigit { position -= 1; return lexNumber(start: start) }
            return token(.dot)
        default:
            if c.isASCIIDigit { position -= 1; return lexNumber(start: start) }
            if c.isNameStart { return lexWord(start: start) }
            if let meant = Self.halfWidth(of: c) {
                // ＝＝, ！＝, ＜＝ and ＞＝ are one operator: one hint for the pair.
                var shown = meant == "\"" ? "'\"'" : "\"\(meant)\""
                if "＝！＜＞".unicodeScalars.contains(c), let next = peek(), next == "＝" || next == "=" { shown = "\"\(meant)=\"" }
                let what = c.value >= 0x2018 && c.value <= 0x201D ? "curly quote" : "full-width"
                return token(.invalid("unexpected \(what) \"\(c)\"; did you mean \(shown)?", incomplete: false))
            }
            return token(.invalid("unexpected character \"\(c.escaped(asASCII: false))\"", incomplete: false))
        }
    }

    /// The ASCII punctuation a Chinese input method's full-width character
    /// stands in for: `｜` for `|`, `，` and `、` for `,`, curly quotes for
    /// straight ones.
    static func halfWidth(of c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(c.value - 0xFEE0)
        case 0x3001: return ","
        case 0x3002: return "."
        case 0x201C, 0x201D: return "\""
        case 0x2018, 0x2019: return "'"
        default: return nil
        }
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" || c == "\u{FEFF}" || c == "\u{3000}" {
                position += 1
            } else if c == "#" {
                while let d = peek(), d != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    private mutating func lexString(quote: Unicode.Scalar, start: Int) -> Token {
        var value = String.UnicodeScalarView()
        while let c = peek() {
            position += 1
            if c == quote {
                // A doubled quote stands for one quote character, as in SQL and CSV.
                if peek() == quote { position += 1; value.append(quote); continue }
                return Token(.string(String(value)), SourceRange(start, position))
            }
            if c == "\\", let escaped = peek() {
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "'": value.append("'")
                default: value.append("\\"); value.append(escaped)
                }
                continue
            }
            value.append(c)
        }
        return Token(.invalid("unterminated string", incomplete: true), SourceRange(start, start + 1))
    }

    private mutating func lexQuotedName(start: Int) -> Token {
        var value = String.UnicodeScalarView()
        while let c = peek() {
            position += 1
            if c == "`" { return Token(.quotedName(String(value)), SourceRange(start, position)) }
            if c == "\n" { break }
            value.append(c)
        }
        return Token(.invalid("unterminated `name`", incomplete: false), SourceRange(start, start + 1))
    }

    private mutating func lexDate(start: Int) -> Token {
        var text = String.UnicodeScalarView()
        // A date, and after a `T` the time of a timestamp (@2023-03-31T10:33:59).
        while let c = peek(), c.isASCIIDigit || c == "-" || (c == "T" && !text.isEmpty && !text.contains("T")) || (c == ":" && text.contains("T")) {
            text.append(c)
            position += 1
        }
        if text.isEmpty {
            return Token(.invalid("expected a date after \"@\", like @2023-03-27, @2022-06 or @2023-03-31T10:33:59", incomplete: false), SourceRange(start, position))
        }
        return Token(.date(String(text)), SourceRange(start, position))
    }

    private mutating func lexNumber(start: Int) -> Token {
        var text = String.UnicodeScalarView()
        var isDecimal = false
        while let c = peek() {
            if c.isASCIIDigit || c == "_" {
                if c != "_" { text.append(c) }
            } else if c == ".", !isDecimal, let next = peek(1), next.isASCIIDigit {
                isDecimal = true
                text.append(c)
            } else if (c == "e" || c == "E"), let next = peek(1),
                      next.isASCIIDigit || ((next == "-" || next == "+") && (peek(2)?.isASCIIDigit ?? false)) {
                isDecimal = true
                text.append(c)
                text.append(next)
                position += 1
            } else {
                break
            }
            position += 1
        }
        let range = SourceRange(start, position)
        if let next = peek(), next.isNameStart {
            return Token(.invalid("a number cannot run into a name (\"\(String(text))\(next)…\")", incomplete: false), range)
        }
        let spelled = String(text)
        if !isDecimal, let value = Int64(spelled) { return Token(.integer(value), range) }
        if !spelled.contains(where: { $0 == "e" || $0 == "E" }), let exact = ExactDecimal(parsing: spelled) { return Token(.decimal(exact), range) }
        if let value = Double(spelled), value.isFinite { return Token(.float(value), range) }
        return Token(.invalid("number \(spelled) is too large", incomplete: false), range)
    }

    private mutating func lexWord(start: Int) -> Token {
        while let c = peek(), c.isNameContinue { position += 1 }
        var value = String.UnicodeScalarView()
        value.append(contentsOf: scalars[start..<position])
        return Token(.word(String(value)), SourceRange(start, position))
    }

    /// A dot-command runs to the end of its line, a ";" or a "#" that
    /// starts a word (a comment), outside quotes: `.mode csv  # for Excel`.
    private mutating func lexDotCommand(start: Int) -> Token {
        var quote: Unicode.Scalar?
        var end: Int?
        while let c = peek(), c != "\n" {
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ";" {
                break
            } else if c == "#", end == nil, position > start, scalars[position - 1] == " " || scalars[position - 1] == "\t" {
                end = position
                while let d = peek(), d != "\n" { position += 1 }
                break
            }
            position += 1
        }
        var last = end ?? position
        while last > start, scalars[last - 1] == " " || scalars[last - 1] == "\t" || scalars[last - 1] == "\r" { last -= 1 }
        var value = String.UnicodeScalarView()
        value.append(contentsOf: scalars[start..<last])
        atStatementStart = true
        return Token(.dotCommand(String(value)), SourceRange(start, last))
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
    /// Names may be ASCII or any letter (Chinese column names work unquoted).
    var isNameStart: Bool { isASCIILetter || value == 95 || (value > 127 && properties.isAlphabetic) }
    var isNameContinue: Bool { isNameStart || isASCIIDigit }
}

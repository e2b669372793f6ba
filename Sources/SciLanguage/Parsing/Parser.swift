/// A recursive-descent parser: one method per grammar rule, the rule quoted
/// above it. It reports the first error of a statement, skips to the next
/// statement and goes on, so a script with one typo still parses the rest.
public struct Parser {
    let tokens: [Token]
    var current = 0
    /// How deep expressions nest; past `maxDepth` the parser stops with an
    /// error rather than exhausting the stack on `((((((…`.
    var depth = 0
    static let maxDepth = 200
    /// How deep the tree of one expression may grow (see `Expression.height`).
    static let maxHeight = 1000
    let source: SourceText
    /// How each stage is read, by keyword.
    let stages: StageGrammars
    /// How many stages one pipeline may have: every pass over a plan walks
    /// as deep as its pipeline is long.
    static let maxStages = 1000

    public init(_ source: SourceText, stages: StageGrammars) {
        self.source = source
        self.stages = stages
        self.tokens = Lexer.tokenize(source)
    }

    /// Every statement of `source`, each parsed or with its error located.
    public static func parse(_ source: SourceText, stages: StageGrammars) -> [Result<Statement, Diagnostic>] {
        var parser = Parser(source, stages: stages)
        return parser.script()
    }

    /// Parses text that must hold exactly one statement.
    public static func parseStatement(_ source: SourceText, stages: StageGrammars) throws -> Statement {
        let results = parse(source, stages: stages)
        guard let first = results.first else {
            throw Diagnostic(message: "empty statement", range: SourceRange(0, 0)).located(in: source)
        }
        return try first.get()
    }

    // script → ( statement )* EOF
    mutating func script() -> [Result<Statement, Diagnostic>] {
        var results: [Result<Statement, Diagnostic>] = []
        while true {
            skipTerminators()
            if check(.end) { return results }
            let start = current
            do {
                results.append(.success(try statement()))
            } catch let error as Diagnostic {
                results.append(.failure(error.located(in: source)))
                recover(from: start)
            } catch {
                results.append(.failure(Diagnostic(message: "\(error)")))
                recover(from: start)
            }
        }
    }

    // statement → ( dotCommand | assignment | pipeline ) ( ";" | NEWLINE | EOF )
    mutating func statement() throws -> Statement {
        let statement: Statement
        if case .dotCommand(let text) = peek.kind {
            let token = advance()
            statement = .dotCommand(DotCommandSplitter.split(text, range: token.range))
        } else if peek.word == "let" {
            statement = try assignment()
        } else {
            statement = .pipeline(try pipeline())
        }
        switch peek.kind {
        case .semicolon, .newline: advance()
        case .end: break
        case .invalid(let message, let incomplete):
            var diagnostic = error(message, at: peek)
            diagnostic.isIncomplete = incomplete
            throw diagnostic
        default:
            throw error("expected \"|\" or the end of the statement, found \(peek.spelling)", at: peek)
        }
        return statement
    }

    // assignment → "let" NAME "=" pipeline
    mutating func assignment() throws -> Statement {
        advance()
        let (name, nameRange) = try name(what: "a table name after \"let\"")
        try expect(.assign, "\"=\" after \"let \(name)\"")
        return .assignment(name: name, nameRange: nameRange, pipeline: try pipeline())
    }

    // MARK: - Helpers

    var peek: Token { tokens[current] }

    /// The token after `peek` (the end token when there is none).
    var next: Token { tokens[min(current + 1, tokens.count - 1)] }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        if kind == .comma { skipNewlines() }
        return true
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        if check(kind) { return advance() }
        if case .invalid(let message, let incomplete) = peek.kind {
            var diagnostic = error(message, at: peek)
            diagnostic.isIncomplete = incomplete
            throw diagnostic
        }
        if check(.end) { throw incomplete("expected \(what)") }
        throw error("expected \(what), found \(peek.spelling)", at: peek)
    }

    func nameText(_ token: Token) -> String? {
        switch token.kind {
        case .word(let w) where !Self.reservedWords.contains(w): return w
        case .quotedName(let w): return w
        default: return nil
        }
    }

    mutating func name(what: String) throws -> (String, SourceRange) {
        if let name = nameText(peek) { return (name, advance().range) }
        if case .invalid(let message, let incomplete) = peek.kind {
            var diagnostic = error(message, at: peek)
            diagnostic.isIncomplete = incomplete
            throw diagnostic
        }
        if check(.end) { throw incomplete("expected \(what)") }
        throw error("expected \(what), found \(peek.spelling)", at: peek)
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    mutating func skipTerminators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    /// After an error: skip the rest of the statement, including following
    /// lines that continue it with "|".
    mutating func recover(from start: Int) {
        if current == start { advance() }
        while true {
            switch peek.kind {
            case .end: return
            case .semicolon:
                advance()
                return
            case .newline:
                advance()
                var ahead = current
                while ahead < tokens.count - 1, tokens[ahead].kind == .newline { ahead += 1 }
                if tokens[ahead].kind != .pipe { return }
                current = ahead
            default:
                advance()
            }
        }
    }

    func error(_ message: String, at token: Token) -> Diagnostic {
        var range = token.range
        if token.kind == .newline || token.kind == .end { range = SourceRange(range.start, range.start + 1) }
        return Diagnostic(message: message, range: range)
    }

    /// The input stopped where more was expected.
    func incomplete(_ message: String) -> Diagnostic {
        Diagnostic(message: "\(message), but the statement ended", range: SourceRange(peek.range.start, peek.range.start + 1), isIncomplete: true)
    }
}

/// A recursive-descent parser: one method per grammar rule, the rule quoted
/// above it. It reports the first error of a statement, skips to the next
/// statement and goes on, so a script with one typo still parses the rest.
public struct Parser {
    private let tokens: [Token]
    private var current = 0
    /// How deep expressions nest; past `maxDepth` the parser stops with an
    /// error rather than exhausting the stack on `((((((…`.
    private var depth = 0
    static let maxDepth = 200
    let source: SourceText

    public init(_ source: SourceText) {
        self.source = source
        self.tokens = Lexer.tokenize(source)
    }

    /// Every statement of `source`, each parsed or with its error located.
    public static func parse(_ source: SourceText) -> [Result<Statement, Diagnostic>] {
        var parser = Parser(source)
        return parser.script()
    }

    /// Parses text that must hold exactly one statement.
    public static func parseStatement(_ source: SourceText) throws -> Statement {
        let results = parse(source)
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

    // pipeline → source ( "|" stage )*       (a line may end or start with "|")
    mutating func pipeline() throws -> Pipeline {
        let source = try self.source(what: "a table name or load \"FILE\"")
        var stages: [Stage] = []
        while true {
            if !check(.pipe) {
                // A following line that starts with "|" continues the statement.
                var ahead = current
                while ahead < tokens.count - 1, tokens[ahead].kind == .newline { ahead += 1 }
                guard ahead != current, tokens[ahead].kind == .pipe else { break }
                current = ahead
            }
            advance()
            skipNewlines()
            stages.append(try stage())
        }
        let end = stages.last?.range.end ?? source.range.end
        return Pipeline(source: source, stages: stages, range: SourceRange(source.range.start, end))
    }

    // source → NAME | "load" STRING
    mutating func source(what: String) throws -> Source {
        if peek.word == "load", case .string(let path) = next.kind {
            let start = advance().range.start
            let end = advance().range.end
            return .load(path: path, range: SourceRange(start, end))
        }
        if peek.word == "load", next.kind != .end {
            advance()
            throw error("expected a file name in quotes after \"load\", like load \"data.csv\"", at: peek)
        }
        let (name, range) = try name(what: what)
        return .table(name: name, range: range)
    }

    // stage → "where" expr | "select" items | "derive" items | "sort" keys
    //       | "take" INTEGER | "summarize" items ( "by" items )? | "distinct" exprs?
    //       | "count" | "join" "left"? source "on" column "==" column
    //       | "export" STRING ( "as" NAME )?
    mutating func stage() throws -> Stage {
        guard let keyword = peek.word else {
            if check(.end) { throw incomplete("expected a stage after \"|\"") }
            throw error("expected a stage after \"|\", found \(peek.spelling)", at: peek)
        }
        let keywordToken = advance()
        let kind: Stage.Kind
        switch keyword {
        case "where", "filter": kind = .filter(try expression())
        case "select": kind = .select(try namedList(allowBare: true))
        case "derive": kind = .derive(try namedList(allowBare: false))
        case "sort": kind = .sort(try sortKeys())
        case "take": kind = .take(try takeCount())
        case "summarize", "aggregate": kind = try summarize()
        case "distinct": kind = .distinct(atStageEnd ? [] : try expressionList())
        case "count": kind = .count
        case "join": kind = .join(try join())
        case "export": kind = try export()
        default:
            let message = Suggestion.message("unknown stage \"\(keyword)\"", for: keyword, in: Self.stageKeywords)
            throw error(message, at: keywordToken)
        }
        let end = tokens[max(current - 1, 0)].range.end
        return Stage(kind, keyword: keyword, range: SourceRange(keywordToken.range.start, end))
    }

    public static let stageKeywords = ["where", "select", "derive", "sort", "take", "summarize", "distinct", "count", "join", "export"]

    var atStageEnd: Bool {
        switch peek.kind {
        case .pipe, .semicolon, .newline, .end: return true
        default: return false
        }
    }

    // namedList → named ( "," named )* ;  named → NAME "=" expr | expr
    mutating func namedList(allowBare: Bool) throws -> [NamedExpression] {
        var items: [NamedExpression] = []
        repeat {
            skipNewlines()
            items.append(try named(allowBare: allowBare))
        } while match(.comma)
        return items
    }

    mutating func named(allowBare: Bool) throws -> NamedExpression {
        if next.kind == .assign, let name = nameText(peek) {
            let nameToken = advance()
            advance()
            return NamedExpression(name: name, nameRange: nameToken.range, expression: try expression(), isExplicitlyNamed: true)
        }
        if !allowBare {
            throw error("expected NAME = expression, found \(peek.spelling)", at: peek)
        }
        let expression = try expression()
        return NamedExpression(name: expression.suggestedName, nameRange: expression.range, expression: expression, isExplicitlyNamed: false)
    }

    // sortKeys → expr ( "asc" | "desc" )? ( "," expr ( "asc" | "desc" )? )*
    mutating func sortKeys() throws -> [SortKey] {
        var keys: [SortKey] = []
        repeat {
            skipNewlines()
            let expression = try expression()
            var descending = false
            if peek.word == "desc" { advance(); descending = true } else if peek.word == "asc" { advance() }
            keys.append(SortKey(expression: expression, descending: descending))
        } while match(.comma)
        return keys
    }

    // takeCount → INTEGER
    mutating func takeCount() throws -> Int {
        guard case .integer(let value) = peek.kind else {
            if check(.end) { throw incomplete("expected a number of rows after \"take\"") }
            throw error("expected a number of rows after \"take\", found \(peek.spelling)", at: peek)
        }
        advance()
        return Int(clamping: value)
    }

    // summarize → "summarize" named ( "," named )* ( "by" named ( "," named )* )?
    mutating func summarize() throws -> Stage.Kind {
        let aggregates = try namedList(allowBare: true)
        var groups: [NamedExpression] = []
        if peek.word == "by" {
            advance()
            groups = try namedList(allowBare: true)
        }
        return .summarize(aggregates: aggregates, groups: groups)
    }

    // expressionList → expr ( "," expr )*
    mutating func expressionList() throws -> [Expression] {
        var items: [Expression] = []
        repeat {
            skipNewlines()
            items.append(try expression())
        } while match(.comma)
        return items
    }

    // join → "join" "left"? source "on" column "==" column
    mutating func join() throws -> Join {
        var isLeft = false
        if peek.word == "left", next.word != "on" {
            advance()
            isLeft = true
        }
        let table = try source(what: "a table to join")
        guard peek.word == "on" else {
            if check(.end) { throw incomplete("expected \"on\" after the joined table") }
            throw error("expected \"on LEFT == RIGHT\" after the joined table, found \(peek.spelling)", at: peek)
        }
        advance()
        let left = try columnReference()
        try expect(.equal, "\"==\" between the two join columns")
        let right = try columnReference()
        return Join(isLeft: isLeft, table: table, leftKey: left, rightKey: right)
    }

    // export → "export" STRING ( "as" NAME )?
    mutating func export() throws -> Stage.Kind {
        guard case .string(let path) = peek.kind else {
            if check(.end) { throw incomplete("expected a file name in quotes after \"export\"") }
            throw error("expected a file name in quotes after \"export\", like export \"out.csv\"", at: peek)
        }
        let pathToken = advance()
        var format: String?
        if peek.word == "as" {
            advance()
            format = try name(what: "a format after \"as\" (csv, tsv, json, jsonl, markdown, excel)").0
        }
        return .export(path: path, pathRange: pathToken.range, format: format)
    }

    // columnReference → NAME ( "." NAME )?
    mutating func columnReference() throws -> Expression {
        let (first, firstRange) = try name(what: "a column name")
        if check(.dot) {
            advance()
            let (second, secondRange) = try name(what: "a column name after \".\"")
            return Expression(.column(ColumnName(second, qualifier: first)), firstRange.union(secondRange))
        }
        return Expression(.column(ColumnName(first)), firstRange)
    }

    // MARK: - Expressions

    // expr → or
    public mutating func expression() throws -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw error("expression nested more than \(Self.maxDepth) levels deep", at: peek)
        }
        return try or()
    }

    // or → and ( "or" and )*
    mutating func or() throws -> Expression {
        var left = try and()
        while peek.word == "or" {
            advance()
            let right = try and()
            left = Expression(.binary(.or, left, right), left.range.union(right.range))
        }
        return left
    }

    // and → not ( "and" not )*
    mutating func and() throws -> Expression {
        var left = try not()
        while peek.word == "and" {
            advance()
            let right = try not()
            left = Expression(.binary(.and, left, right), left.range.union(right.range))
        }
        return left
    }

    // not → "not" not | comparison
    mutating func not() throws -> Expression {
        if peek.word == "not" {
            let start = advance().range
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth { throw error("expression nested more than \(Self.maxDepth) levels deep", at: peek) }
            let operand = try not()
            return Expression(.unary(.not, operand), start.union(operand.range))
        }
        return try comparison()
    }

    // comparison → additive ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) additive
    //            | "not"? "in" "(" expr ( "," expr )* ")"
    //            | ( "contains" | "startswith" | "endswith" | "matches" ) additive
    //            | "is" "not"? "null" )?
    mutating func comparison() throws -> Expression {
        let left = try additive()
        if let op = comparisonOperator(peek.kind) {
            advance()
            let right = try additive()
            return Expression(.binary(op, left, right), left.range.union(right.range))
        }
        guard let word = peek.word else { return left }
        switch word {
        case "contains", "startswith", "endswith", "matches":
            advance()
            let right = try additive()
            let op = BinaryOperator(rawValue: word) ?? .contains
            return Expression(.binary(op, left, right), left.range.union(right.range))
        case "in":
            advance()
            return try membership(left, negated: false)
        case "not" where next.word == "in":
            advance()
            advance()
            return try membership(left, negated: true)
        case "is":
            advance()
            var negated = false
            if peek.word == "not" { advance(); negated = true }
            guard peek.word == "null" else {
                if check(.end) { throw incomplete("expected \"null\" after \"is\"") }
                throw error("expected \"null\" after \"is\(negated ? " not" : "")\", found \(peek.spelling)", at: peek)
            }
            let end = advance().range
            return Expression(.nullTest(left, negated: negated), left.range.union(end))
        default:
            return left
        }
    }

    mutating func membership(_ left: Expression, negated: Bool) throws -> Expression {
        try expect(.leftParen, "\"(\" to open the list after \"in\"")
        var items: [Expression] = []
        if !check(.rightParen) {
            repeat { items.append(try expression()) } while match(.comma)
        }
        let end = try expect(.rightParen, "\")\" to close the list after \"in\"")
        return Expression(.membership(left, items, negated: negated), left.range.union(end.range))
    }

    func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .assign: return .equal  // `where a = b` reads as a comparison, as in SQL
        default: return nil
        }
    }

    // additive → multiplicative ( ( "+" | "-" ) multiplicative )*
    mutating func additive() throws -> Expression {
        var left = try multiplicative()
        while check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            let right = try multiplicative()
            left = Expression(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    // multiplicative → unary ( ( "*" | "/" | "%" ) unary )*
    mutating func multiplicative() throws -> Expression {
        var left = try unary()
        while check(.star) || check(.slash) || check(.percent) {
            let kind = advance().kind
            let op: BinaryOperator = kind == .star ? .multiply : kind == .slash ? .divide : .remainder
            let right = try unary()
            left = Expression(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    // unary → "-" unary | primary
    mutating func unary() throws -> Expression {
        if check(.minus) {
            let start = advance().range
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth { throw error("expression nested more than \(Self.maxDepth) levels deep", at: peek) }
            let operand = try unary()
            if case .literal(.integer(let value)) = operand.kind {
                return Expression(.literal(.integer(-value)), start.union(operand.range))
            }
            if case .literal(.decimal(let value)) = operand.kind {
                return Expression(.literal(.decimal(-value)), start.union(operand.range))
            }
            return Expression(.unary(.negate, operand), start.union(operand.range))
        }
        return try primary()
    }

    // primary → NUMBER | STRING | DATE | "true" | "false" | "null"
    //         | NAME "(" ( expr ( "," expr )* )? ")" | NAME ( "." NAME )? | "(" expr ")"
    mutating func primary() throws -> Expression {
        let token = peek
        switch token.kind {
        case .integer(let value):
            advance()
            return Expression(.literal(.integer(value)), token.range)
        case .decimal(let value):
            advance()
            return Expression(.literal(.decimal(value)), token.range)
        case .string(let value):
            advance()
            return Expression(.literal(.string(value)), token.range)
        case .date(let text):
            advance()
            guard let (date, month) = CivilDate.parse(text) else {
                throw error("\"@\(text)\" is not a date; write @YYYY-MM-DD or @YYYY-MM", at: token)
            }
            return Expression(.literal(.date(days: date.days, monthPrecision: month)), token.range)
        case .leftParen:
            advance()
            skipNewlines()
            let inner = try expression()
            let close = try expect(.rightParen, "\")\" to close \"(\"")
            return Expression(inner.kind, token.range.union(close.range))
        case .quotedName(let name):
            advance()
            return try qualified(name, token.range)
        case .word(let word):
            switch word {
            case "true", "false":
                advance()
                return Expression(.literal(.bool(word == "true")), token.range)
            case "null":
                advance()
                return Expression(.literal(.null), token.range)
            case _ where Self.reservedWords.contains(word):
                throw error("expected an expression, found the keyword \"\(word)\"", at: token)
            default:
                advance()
                if check(.leftParen) { return try call(word, token.range) }
                return try qualified(word, token.range)
            }
        case .end:
            throw incomplete("expected an expression")
        case .invalid(let message, let incomplete):
            var diagnostic = error(message, at: token)
            diagnostic.isIncomplete = incomplete
            throw diagnostic
        default:
            throw error("expected an expression, found \(token.spelling)", at: token)
        }
    }

    static let reservedWords: Set<String> = ["and", "or", "not", "in", "is", "contains", "startswith", "endswith", "matches", "by", "asc", "desc"]

    mutating func qualified(_ name: String, _ range: SourceRange) throws -> Expression {
        if check(.dot) {
            advance()
            let (column, columnRange) = try self.name(what: "a column name after \"\(name).\"")
            return Expression(.column(ColumnName(column, qualifier: name)), range.union(columnRange))
        }
        return Expression(.column(ColumnName(name)), range)
    }

    mutating func call(_ name: String, _ nameRange: SourceRange) throws -> Expression {
        advance()
        var arguments: [Expression] = []
        if !check(.rightParen) {
            repeat { arguments.append(try expression()) } while match(.comma)
        }
        let close = try expect(.rightParen, "\")\" to close the call to \(name)")
        return Expression(.call(name: name, nameRange: nameRange, arguments: arguments), nameRange.union(close.range))
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

/// The grammar rules of expressions, from the loosest binding (or) to the
/// tightest (primary).
extension Parser {
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
        var operands = [try and()]
        while peek.word == "or" {
            advance()
            operands.append(try and())
        }
        return try balanced(.or, operands[...])
    }

    // and → not ( "and" not )*
    mutating func and() throws -> Expression {
        var operands = [try not()]
        while peek.word == "and" {
            advance()
            operands.append(try not())
        }
        return try balanced(.and, operands[...])
    }

    /// A chain of `and` (or of `or`) as a balanced tree: the operators are
    /// associative in three-valued logic, so a generated condition of
    /// thousands of terms is only a few levels deep.
    func balanced(_ op: BinaryOperator, _ operands: ArraySlice<Expression>) throws -> Expression {
        guard operands.count > 1, let first = operands.first, let last = operands.last else {
            guard let only = operands.first else { throw error("expected an expression", at: peek) }
            return only
        }
        let middle = operands.startIndex + operands.count / 2
        let left = try balanced(op, operands[..<middle])
        let right = try balanced(op, operands[middle...])
        return try node(.binary(op, left, right), first.range.union(last.range))
    }

    /// A new node, refused when the tree would grow deeper than the budget
    /// every walk over it (checking, evaluating, printing) can afford.
    func node(_ kind: Expression.Kind, _ range: SourceRange) throws -> Expression {
        let expression = Expression(kind, range)
        if expression.height > Self.maxHeight {
            throw Diagnostic(
                message: "expression more than \(Self.maxHeight) operations deep; split it into steps with derive",
                range: range
            )
        }
        return expression
    }

    // not → "not" not | comparison
    mutating func not() throws -> Expression {
        if peek.word == "not" {
            let start = advance().range
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth { throw error("expression nested more than \(Self.maxDepth) levels deep", at: peek) }
            let operand = try not()
            return try node(.unary(.not, operand), start.union(operand.range))
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
            return try node(.binary(op, left, right), left.range.union(right.range))
        }
        guard let word = peek.word else { return left }
        switch word {
        case "contains", "startswith", "endswith", "matches":
            advance()
            let right = try additive()
            let op = BinaryOperator(rawValue: word) ?? .contains
            return try node(.binary(op, left, right), left.range.union(right.range))
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
            return try node(.nullTest(left, negated: negated), left.range.union(end))
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
        return try node(.membership(left, items, negated: negated), left.range.union(end.range))
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
            left = try node(.binary(op, left, right), left.range.union(right.range))
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
            left = try node(.binary(op, left, right), left.range.union(right.range))
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
                return Expression(.literal(.decimal(ExactDecimal(units: -value.units, scale: value.scale))), start.union(operand.range))
            }
            if case .literal(.float(let value)) = operand.kind {
                return Expression(.literal(.float(-value)), start.union(operand.range))
            }
            return try node(.unary(.negate, operand), start.union(operand.range))
        }
        return try primary()
    }

    // primary → NUMBER | STRING | DATE | "true" | "false" | "null"
    //         | NAME "(" ( expr ( "," expr )* )? ")" | NAME ( "." NAME )? | "(" expr ")" | case
    mutating func primary() throws -> Expression {
        let token = peek
        switch token.kind {
        case .integer(let value):
            advance()
            return Expression(.literal(.integer(value)), token.range)
        case .decimal(let value):
            advance()
            return Expression(.literal(.decimal(value)), token.range)
        case .float(let value):
            advance()
            return Expression(.literal(.float(value)), token.range)
        case .string(let value):
            advance()
            return Expression(.literal(.string(value)), token.range)
        case .date(let text):
            advance()
            if text.contains("T") {
                guard let seconds = CivilTimestamp.parse(text) else {
                    throw error("\"@\(text)\" is not a timestamp; write @YYYY-MM-DDTHH:MM:SS", at: token)
                }
                return Expression(.literal(.timestamp(seconds: seconds)), token.range)
            }
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
            case "case" where wordAfterLineBreaks == "when":
                return try caseWhen()
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

    // case → "case" ( "when" expr "then" expr )+ ( "else" expr )? "end"
    // (`case` is a keyword only before `when`, so a column may still be
    // called case; line breaks may fall anywhere inside.) The arms are read
    // in a loop into one flat node: a chain of 100,000 arms is one level deep.
    mutating func caseWhen() throws -> Expression {
        let start = advance().range
        var arms: [CaseArm] = []
        var otherwise: Expression?
        skipNewlines()
        while peek.word == "when" {
            advance()
            skipNewlines()
            let condition = try expression()
            skipNewlines()
            try keyword("then", "after the condition of \"when\"")
            skipNewlines()
            let value = try expression()
            skipNewlines()
            arms.append(CaseArm(condition: condition, value: value))
        }
        if peek.word == "else" {
            advance()
            skipNewlines()
            otherwise = try expression()
            skipNewlines()
        }
        let end = try keyword("end", arms.isEmpty ? "after \"case\"" : "to close \"case\" (or another \"when\", or \"else\")")
        return try node(.caseWhen(arms: arms, otherwise: otherwise), start.union(end))
    }

    /// The word after `peek`, past any line breaks (nil for another token).
    var wordAfterLineBreaks: String? {
        var ahead = current + 1
        while ahead < tokens.count - 1, tokens[ahead].kind == .newline { ahead += 1 }
        return tokens[min(ahead, tokens.count - 1)].word
    }

    /// Expects the word `word`; `what` says where, for the message.
    @discardableResult
    mutating func keyword(_ word: String, _ what: String) throws -> SourceRange {
        if peek.word == word { return advance().range }
        if case .invalid(let message, let incomplete) = peek.kind {
            var diagnostic = error(message, at: peek)
            diagnostic.isIncomplete = incomplete
            throw diagnostic
        }
        if check(.end) { throw incomplete("expected \"\(word)\" \(what)") }
        throw error("expected \"\(word)\" \(what), found \(peek.spelling)", at: peek)
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
        return try node(.call(name: name, nameRange: nameRange, arguments: arguments), nameRange.union(close.range))
    }
}

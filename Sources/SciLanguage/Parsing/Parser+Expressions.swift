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
}

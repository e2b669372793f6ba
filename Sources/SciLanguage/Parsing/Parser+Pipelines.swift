/// The grammar rules of pipelines and their stages.
extension Parser {
    // pipeline → source ( "|" stage )*       (a line may end or start with "|")
    mutating func pipeline() throws -> Pipeline {
        let source = try self.source(what: "a table name or load \"FILE\"")
        var parsed: [Stage] = []
        while true {
            if !check(.pipe) {
                // A following line that starts with "|" continues the statement.
                var ahead = current
                while ahead < tokens.count - 1, tokens[ahead].kind == .newline { ahead += 1 }
                guard ahead != current, tokens[ahead].kind == .pipe else { break }
                current = ahead
            }
            if parsed.count >= Self.maxStages {
                throw error("a pipeline of more than \(Self.maxStages) stages; keep a part with let and go on from it", at: peek)
            }
            advance()
            skipNewlines()
            parsed.append(try stage())
        }
        let end = parsed.last?.range.end ?? source.range.end
        return Pipeline(source: source, stages: parsed, range: SourceRange(source.range.start, end))
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

    // stage → KEYWORD arguments        (arguments as the stage's grammar says)
    mutating func stage() throws -> Stage {
        guard let keyword = peek.word else {
            if check(.end) { throw incomplete("expected a stage after \"|\"") }
            throw error("expected a stage after \"|\", found \(peek.spelling)", at: peek)
        }
        let keywordToken = advance()
        guard let grammar = stages.grammars[keyword] else {
            let message: String
            if let synonym = stages.synonyms[keyword] {
                message = "unknown stage \"\(keyword)\"; did you mean \"\(synonym)\"?"
            } else {
                message = Suggestion.message("unknown stage \"\(keyword)\"", for: keyword, in: stages.keywords)
            }
            throw error(message, at: keywordToken)
        }
        let arguments = try read(grammar, after: keyword)
        let end = tokens[max(current - 1, 0)].range.end
        return Stage(keyword: keyword, arguments: arguments, range: SourceRange(keywordToken.range.start, end))
    }

    /// Reads what a grammar describes.
    mutating func read(_ grammar: StageGrammar, after keyword: String) throws -> StageArgument {
        switch grammar {
        case .nothing: return .absent
        case .expression: return .expression(try expression())
        case .expressions(let optional):
            if optional, atStageEnd { return .expressions([]) }
            return .expressions(try expressionList())
        case .named(let bare): return .named(try namedList(allowBare: bare))
        case .sortKeys: return .sortKeys(try sortKeys())
        case .integer(let what):
            guard case .integer(let value) = peek.kind else {
                if check(.end) { throw incomplete("expected \(what)") }
                throw error("expected \(what), found \(peek.spelling)", at: peek)
            }
            let token = advance()
            return .integer(Int(clamping: value), token.range)
        case .source(let what): return .source(try source(what: what))
        case .string(let what):
            guard case .string(let text) = peek.kind else {
                if check(.end) { throw incomplete("expected \(what)") }
                throw error("expected \(what), found \(peek.spelling)", at: peek)
            }
            return .string(text, advance().range)
        case .name(let what):
            let (name, range) = try name(what: what)
            return .name(name, range)
        case .equation:
            let left = try columnReference()
            try expect(.equal, "\"==\" between the two columns")
            return .equation(left, try columnReference())
        case .sequence(let parts):
            var results: [StageArgument] = []
            for part in parts { results.append(try read(part, after: keyword)) }
            return .sequence(results)
        case .optional(let word, let inner):
            guard peek.word == word else { return .absent }
            advance()
            return try read(inner, after: keyword)
        case .required(let word, let expected, let inner):
            guard peek.word == word else {
                if check(.end) { throw incomplete("expected \(expected)") }
                throw error("expected \(expected), found \(peek.spelling)", at: peek)
            }
            advance()
            return try read(inner, after: keyword)
        case .flag(let word, let unless):
            guard peek.word == word, next.kind != .end, !unless.contains(next.word ?? "") else { return .flag(false) }
            advance()
            return .flag(true)
        case .choice(let words, let unless):
            guard let word = peek.word, words.contains(word), next.kind != .end, !unless.contains(next.word ?? "") else { return .absent }
            return .name(word, advance().range)
        case .column:
            return .expression(try columnReference())
        case .list(let item):
            var items: [StageArgument] = []
            repeat {
                skipNewlines()
                items.append(try read(item, after: keyword))
            } while match(.comma)
            return .list(items)
        case .conjunction(let item):
            var items = [try read(item, after: keyword)]
            while peek.word == "and" {
                advance()
                items.append(try read(item, after: keyword))
            }
            return .list(items)
        }
    }

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

    // expressionList → expr ( "," expr )*
    mutating func expressionList() throws -> [Expression] {
        var items: [Expression] = []
        repeat {
            skipNewlines()
            items.append(try expression())
        } while match(.comma)
        return items
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
}

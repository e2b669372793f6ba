/// The grammar rules of pipelines and their stages.
extension Parser {
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
    //       | "count" | "join" "left"? source ( "as" NAME )? "on" column "==" column
    //       | "export" STRING ( "as" NAME )?
    mutating func stage() throws -> Stage {
        guard let keyword = peek.word else {
            if check(.end) { throw incomplete("expected a stage after \"|\"") }
            throw error("expected a stage after \"|\", found \(peek.spelling)", at: peek)
        }
        let keywordToken = advance()
        let kind: Stage.Kind
        switch keyword {
        case "where": kind = .filter(try expression())
        case "select": kind = .select(try namedList(allowBare: true))
        case "derive": kind = .derive(try namedList(allowBare: false))
        case "sort": kind = .sort(try sortKeys())
        case "take": kind = .take(try takeCount())
        case "summarize": kind = try summarize()
        case "distinct": kind = .distinct(atStageEnd ? [] : try expressionList())
        case "count": kind = .count
        case "join": kind = .join(try join())
        case "export": kind = try export()
        default:
            let message: String
            if let synonym = Self.stageSynonyms[keyword] {
                message = "unknown stage \"\(keyword)\"; did you mean \"\(synonym)\"?"
            } else {
                message = Suggestion.message("unknown stage \"\(keyword)\"", for: keyword, in: Self.stageKeywords)
            }
            throw error(message, at: keywordToken)
        }
        let end = tokens[max(current - 1, 0)].range.end
        return Stage(kind, keyword: keyword, range: SourceRange(keywordToken.range.start, end))
    }

    /// What users of SQL, PRQL, Miller or nushell may type for a stage.
    static let stageSynonyms = [
        "filter": "where", "group": "summarize", "aggregate": "summarize", "limit": "take", "head": "take",
        "order": "sort", "uniq": "distinct", "unique": "distinct", "mutate": "derive", "insert": "derive",
    ]

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

    // join → "join" "left"? source ( "as" NAME )? "on" column "==" column
    mutating func join() throws -> Join {
        var isLeft = false
        if peek.word == "left", next.word != "on", next.word != "as" {
            advance()
            isLeft = true
        }
        let table = try source(what: "a table to join")
        var alias: String?
        if peek.word == "as" {
            advance()
            alias = try name(what: "a name for the joined table after \"as\"").0
        }
        guard peek.word == "on" else {
            if check(.end) { throw incomplete("expected \"on\" after the joined table") }
            throw error("expected \"on LEFT == RIGHT\" after the joined table, found \(peek.spelling)", at: peek)
        }
        advance()
        let left = try columnReference()
        try expect(.equal, "\"==\" between the two join columns")
        let right = try columnReference()
        return Join(isLeft: isLeft, table: table, alias: alias, leftKey: left, rightKey: right)
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
}

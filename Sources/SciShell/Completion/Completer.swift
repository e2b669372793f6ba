import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// What Tab does: the text to insert at the cursor, after taking `replace`
/// characters back (a name typed bare that must be backquoted), how far to
/// move on past what follows, and the candidates to list when more than one
/// remains.
public struct Completion: Equatable, Sendable {
    public var insert: String
    public var candidates: [String]
    /// How many characters (Unicode scalars, as libedit counts them) before
    /// the cursor the insertion replaces.
    public var replace: Int
    /// How many characters after the cursor to move past once the text is
    /// in: a closing quote (and space) the line already had.
    public var stepOver: Int

    public init(insert: String, candidates: [String], replace: Int = 0, stepOver: Int = 0) {
        self.insert = insert
        self.candidates = candidates
        self.replace = replace
        self.stepOver = stepOver
    }
}

/// Tab completion that knows where the cursor is: table names where a
/// pipeline starts, stage names after "|", the columns of the rows flowing
/// into the current stage (a `derive`d column included), dot-commands and
/// their arguments, file paths, and a column's values after `COL == "`.
/// What it inserts parses: names that are not one plain word go in
/// backquotes, values are escaped for their string, and a dot-command's
/// path with a space goes in double quotes.
public struct Completer {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// What Tab can do at the cursor.
    struct Context {
        /// The part of the word already typed (inside its quote, if open).
        var word: String
        var candidates: [CompletionCandidate]
        /// What follows a unique completion, after its closing quote.
        var suffix: String
        /// The quote that closes the word, when it is inside an open string
        /// or dot-command quote.
        var closing = ""
        /// The word is a name inside an open backquote: only names fit, and
        /// each goes in without opening another.
        var insideBackquotes = false
    }

    public func complete(before: String, after: String = "") -> Completion {
        let context = self.context(before: before)
        let word = context.word
        // In order, each once (a set: a column's 60,000 values searched a
        // list of themselves for 103 s). A column named `desc` and the
        // keyword are two candidates.
        var seen = Set<String>()
        let matching = context.candidates.filter { candidate in
            (!context.insideBackquotes || candidate.quoting == .name) && candidate.text.hasPrefix(word) && seen.insert(candidate.listed).inserted
        }
        guard let first = matching.first else { return Completion(insert: "", candidates: []) }
        /// What ends a unique completion: its closing quote and the suffix,
        /// or, where the line already goes on with them (a recalled line,
        /// edited), how far to step over them: not doubled, and typing
        /// goes on after them.
        func ending(_ closing: String, _ insert: String, replace: Int = 0) -> Completion {
            if first.text.hasSuffix("/") { return Completion(insert: insert, candidates: [], replace: replace) }
            let full = closing + context.suffix
            if after.hasPrefix(full) {
                return Completion(insert: insert, candidates: [], replace: replace, stepOver: full.unicodeScalars.count)
            }
            if !closing.isEmpty, after.hasPrefix(closing) {
                return Completion(insert: insert, candidates: [], replace: replace, stepOver: closing.unicodeScalars.count)
            }
            return Completion(insert: insert + full, candidates: [], replace: replace)
        }
        if matching.count == 1 {
            let rest = String(first.text.dropFirst(word.count))
            if context.insideBackquotes { return ending("`", rest) }
            if let quote = first.quote {
                // Typed bare so far: the word goes back in its quotes. A
                // folder's quote stays open for the rest of its path.
                return ending(String(quote), String(quote) + first.text, replace: word.unicodeScalars.count)
            }
            return ending(context.closing, rest)
        }
        let common = Self.commonPrefix(matching.map(\.text))
        let listed = matching.map { context.insideBackquotes ? "`\($0.text)`" : $0.listed }
        // Names (or paths) that all need quotes past the shared start
        // (`名称 (中文)` and `名称（全角）` share a bare `名称`; `Unit ` of
        // `Unit Price` cannot be bare): the quote opens, and the next Tab
        // goes on inside it. Typed bare, the shared start was a dead end.
        // With a bare name among them (`Unit` beside `Unit Price`) the
        // start stays bare: the line must still run as it is.
        if !context.insideBackquotes, !common.isEmpty, matching.allSatisfy({ $0.quote != nil }), let quote = first.quote {
            return Completion(insert: String(quote) + common, candidates: listed, replace: word.unicodeScalars.count)
        }
        return Completion(insert: String(common.dropFirst(word.count)), candidates: listed)
    }

    /// The word being completed (with its opening backquote, if any), what
    /// could complete it as it would be typed, and what to add after a
    /// unique completion.
    public func candidates(before: String) -> (word: String, candidates: [String], suffix: String) {
        let context = self.context(before: before)
        if context.insideBackquotes {
            return ("`" + context.word, context.candidates.filter { $0.quoting == .name }.map { "`\($0.text)`" }, "`" + context.suffix)
        }
        return (context.word, context.candidates.map(\.listed), context.closing + context.suffix)
    }

    func context(before: String) -> Context {
        let statement = Self.currentStatement(before)
        let trimmed = String(statement.drop { $0 == " " || $0 == "\t" || $0 == "\n" })
        if trimmed.hasPrefix(".") { return dotCommandContext(trimmed) }

        let tokens = Lexer.tokenize(SourceText(name: "<completion>", text: statement)).filter { $0.kind != .end }
        let scalars = Array(statement.unicodeScalars)
        // Inside an open string: a file path, or a column's values, each
        // written as the string needs it.
        if let last = tokens.last, case .invalid(_, incomplete: true) = last.kind, last.range.start < scalars.count {
            let quote = scalars[last.range.start]
            let partial = String(String.UnicodeScalarView(scalars[(last.range.start + 1)...]))
            let earlier = Array(tokens.dropLast())
            let texts: [String]
            if let previous = earlier.last?.word, previous == "export" || previous == "load" {
                texts = Self.paths(matching: partial)
            } else {
                texts = valueCandidates(earlier, statement: statement)
            }
            return Context(word: partial, candidates: .words(texts.map { StringSpelling.escaped($0, quote: quote) }), suffix: " ", closing: String(quote))
        }

        var word = ""
        var context = tokens
        var insideBackquotes = false
        if let last = tokens.last, last.range.end == scalars.count, case .word(let text) = last.kind {
            word = text
            context.removeLast()
        } else if let last = tokens.last, case .invalid = last.kind, last.range.start < scalars.count,
                  scalars[last.range.start] == "`", !scalars[last.range.start...].contains("\n") {
            // An open backquote: a name with a space or a keyword's spelling.
            word = String(String.UnicodeScalarView(scalars[(last.range.start + 1)...]))
            insideBackquotes = true
            context.removeLast()
        }
        var found = candidates(after: context, word: word, statement: statement)
        found.insideBackquotes = insideBackquotes
        return found
    }

    /// What can follow `context`, the tokens before the word being typed.
    func candidates(after context: [Token], word: String, statement: String) -> Context {
        func offer(_ candidates: [CompletionCandidate]) -> Context { Context(word: word, candidates: candidates, suffix: " ") }
        var context = context
        // After `table.`: the columns that came from that table.
        var qualifier: String?
        if context.last?.kind == .dot {
            guard context.count >= 2, let name = context[context.count - 2].name else { return offer([]) }
            qualifier = name
            context.removeLast(2)
        }

        var segments: [[Token]] = [[]]
        var depth = 0
        for token in context {
            switch token.kind {
            case .leftParen: depth += 1
            case .rightParen: depth = max(0, depth - 1)
            case .newline: continue
            case .pipe where depth == 0:
                segments.append([])
                continue
            default: break
            }
            segments[segments.count - 1].append(token)
        }
        let tables = [CompletionCandidate].names(session.tableNames)
        if segments.count == 1 {
            let words = segments[0].map { $0.word ?? "" }
            if words.isEmpty { return offer(tables + .words(["let", "load"])) }
            if words.count == 3, words[0] == "let", segments[0][2].kind == .assign { return offer(tables + .words(["load"])) }
            return offer(.words(["|"]))
        }
        let current = segments[segments.count - 1]
        guard let stage = current.first?.word else {
            return offer(.words(StageCatalog.all.map(\.name)))
        }
        let pipelineText = Self.text(of: Array(segments.dropLast()), in: statement)
        let input = schema(of: pipelineText)
        let columns = [CompletionCandidate].names(input?.names ?? [])
        if let qualifier {
            let fields = input?.fields ?? []
            let names = fields.compactMap { field -> String? in
                if field.name.hasPrefix(qualifier + ".") { return String(field.name.dropFirst(qualifier.count + 1)) }
                return field.origin == qualifier && !field.name.contains(".") ? field.name : nil
            }
            return offer(.names(names))
        }
        guard let declaration = StageCatalog.declaration(named: stage) else { return offer([]) }
        switch declaration.completion {
        case .nothing:
            return offer([])
        case .keysAfter(let keyword):
            if current.contains(where: { $0.word == keyword }) {
                // After a whole key (`by district `) only `,` or `|` can follow.
                if let last = current.last, last.word != keyword, last.endsAnOperand { return offer([]) }
                return offer(columns + .words(Functions.all.map(\.name)))
            }
            return offer(current.count >= 2 ? .words([keyword]) : [])
        case .joinedTable:
            let words = current.map { $0.word ?? "" }
            let kinds = JoinKind.allCases.map(\.rawValue)
            if let on = words.firstIndex(of: "on") {
                // After a whole `A == B` only `and` may follow.
                if current.count >= 2, current[current.count - 2].kind == .equal, current.last?.name != nil { return offer(.words(["and"])) }
                return offer(columns + .names(joinedColumns(Array(current[..<on]))))
            }
            let afterSource = words.count >= 2 && !(words.count == 2 && kinds.contains(words[1]))
            return offer(.words(words.count == 1 ? kinds : []) + tables + .words(afterSource ? ["as", "on"] : []))
        case .expressions(let keywords, let aggregates):
            // After a whole operand (`sort region `, `where a == "x" `,
            // `count() `) only a keyword can follow: `desc` there is the
            // keyword, never a column named desc.
            if current.count >= 2, let last = current.last, last.endsAnOperand, !(last.word.map(keywords.contains) ?? false) || last.isLiteralWord {
                return offer(.words(keywords))
            }
            var names = input?.names ?? []
            // Columns this stage has already derived are usable after them.
            if stage == "derive" {
                for (index, token) in current.enumerated() where index + 1 < current.count && current[index + 1].kind == .assign {
                    if let name = token.name { names.append(name) }
                }
            }
            let functions = Functions.all.map(\.name) + (aggregates ? Aggregates.all.map(\.name) : [])
            return offer(.names(names) + .words(functions + keywords))
        }
    }

    /// The columns of the rows a pipeline produces, from its plan: nothing
    /// is run, and a file is looked at only as far as its first rows.
    func schema(of pipelineText: String) -> Schema? {
        let source = SourceText(name: "<completion>", text: pipelineText)
        guard case .pipeline(let pipeline)? = try? Parser.parseStatement(source, stages: StageCatalog.grammars) else { return nil }
        return try? PipelineRunner(catalog: session.catalog(source), rewrites: []).plan(pipeline, in: source, mayReadData: false).plan.schema
    }

    /// The columns of the table a `join` names (before its `on`).
    func joinedColumns(_ tokens: [Token]) -> [String] {
        var rest = tokens.dropFirst()
        if let kind = rest.first?.word, JoinKind(rawValue: kind) != nil, rest.count > 1 { rest = rest.dropFirst() }
        let catalog = session.catalog(SourceText(name: "<completion>", text: ""))
        if rest.first?.word == "load", rest.count >= 2, case .string(let path) = rest[rest.startIndex + 1].kind {
            return (try? catalog.schema(ofFile: path, at: .none).names) ?? []
        }
        guard let name = rest.first?.name else { return [] }
        return session.table(named: name)?.columnNames ?? []
    }

    /// After `COL == "`: a text column's values, when the pipeline starts
    /// from a table in memory that has it (every distinct value, in order).
    /// A file's values are not read for completion.
    func valueCandidates(_ tokens: [Token], statement: String) -> [String] {
        guard tokens.count >= 2, let column = tokens[tokens.count - 2].name else { return [] }
        switch tokens[tokens.count - 1].kind {
        case .equal, .notEqual, .assign: break
        default: return []
        }
        guard tokens.contains(where: { $0.kind == .pipe }), let first = tokens.first else { return [] }
        var name: String? = first.word
        if name == "let", tokens.count > 3 { name = tokens[3].word }
        // Text columns only: a number or a date in quotes does not compare.
        guard let name, name != "load", let table = session.table(named: name), let values = table.column(named: column),
              values.type == .string else { return [] }
        if case .string(_, let dictionary) = values.compacted().storage, dictionary.isUnique {
            return Self.inCodePointOrder((0..<dictionary.count).map { dictionary.string($0) }.filter { !$0.isEmpty })
        }
        var seen = Set<String>()
        for row in 0..<values.count where !values.isNull(row) {
            seen.insert(values[row].description)
        }
        return Self.inCodePointOrder(seen.filter { !$0.isEmpty })
    }

    /// Text in scicity's order (by code point, as `sort` orders it), which
    /// is also quicker than the standard library's Unicode order for a
    /// column's 60,000 values.
    static func inCodePointOrder(_ texts: some Collection<String>) -> [String] {
        texts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Files and folders whose path starts with `partial`; folders end in "/".
    static func paths(matching partial: String) -> [String] {
        let directory: String
        let prefix: String
        if let slash = partial.lastIndex(of: "/") {
            prefix = String(partial[...slash])
            directory = prefix
        } else {
            prefix = ""
            directory = "."
        }
        let expanded = directory
        return FileSystem.list(expanded).filter { !$0.hasPrefix(".") || partial.hasSuffix(".") || partial.contains("/.") }
            .map { name in prefix + name + (FileSystem.isDirectory(expanded + "/" + name) ? "/" : "") }
    }

    /// The statement the cursor is in: after the last ";" outside quotes.
    static func currentStatement(_ text: String) -> String {
        var start = text.startIndex
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ";" {
                start = text.index(after: index)
            } else if c == "#" {
                // A comment runs to the end of its line.
                while index < text.endIndex, text[index] != "\n" { index = text.index(after: index) }
                continue
            }
            index = text.index(after: index)
        }
        return String(text[start...])
    }

    static func text(of segments: [[Token]], in statement: String) -> String {
        guard let first = segments.first?.first, let last = segments.last?.last else { return "" }
        return SourceText(name: "", text: statement).slice(SourceRange(first.range.start, last.range.end))
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var n = 0
            while n < prefix.count, n < characters.count, prefix[n] == characters[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }

    /// The candidates laid out in columns, for listing above the prompt: at
    /// most `limit` of them (readline asks before showing more than 100),
    /// then how many more there are. Each line is built and trimmed on its
    /// own, so a long list costs its length (re-trimming the whole text
    /// after every line took 4½ minutes for 60,000 values).
    public static func listing(_ candidates: [String], width: Int, limit: Int = 100) -> String {
        let shown = candidates.prefix(max(1, limit))
        let widths = shown.map(DisplayWidth.of)
        let cell = (widths.max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var line = ""
        for (index, candidate) in shown.enumerated() {
            line += candidate
            if (index + 1) % perLine == 0 || index == shown.count - 1 {
                lines.append(line)
                line = ""
            } else {
                line += String(repeating: " ", count: max(0, cell - widths[index]))
            }
        }
        if candidates.count > shown.count {
            let more = candidates.count - shown.count
            lines.append("… and \(more) more; type more of the word to narrow them")
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

private extension Token {
    /// The name a word or a backquoted name stands for.
    var name: String? {
        switch kind {
        case .word(let text), .quotedName(let text): text
        default: nil
        }
    }

    /// `null`, `true`, `false` and a case's `end`: words that end an operand.
    var isLiteralWord: Bool {
        guard let word else { return false }
        return word == "null" || word == "true" || word == "false" || word == "end"
    }

    /// A token that can end a complete operand: a name, a literal or `)`.
    var endsAnOperand: Bool {
        switch kind {
        case .word, .quotedName, .string, .integer, .decimal, .float, .date, .rightParen: return true
        default: return false
        }
    }
}

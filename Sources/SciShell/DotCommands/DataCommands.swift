import SciDataset
import SciEngine
import SciIO
import SciLanguage

/// `.tables`, `.schema`, `.import`, `.cite`: what data there is, and where it came from.
enum DataCommands {
    static let all: [DotCommandDeclaration] = [
        DotCommandDeclaration(
            name: "tables", usage: ".tables",
            summary: "Lists the tables with their row and column counts and where they came from.",
            examples: [".tables"],
            arguments: .none
        ) { _, session, _ in
            var names = ColumnBuilder(), rows = ColumnBuilder(), columns = ColumnBuilder(), origins = ColumnBuilder()
            for name in session.tableNames {
                guard let table = session.table(named: name) else { continue }
                _ = names.append(.string(name))
                _ = rows.append(.integer(Int64(table.rowCount)))
                _ = columns.append(.integer(Int64(table.columns.count)))
                _ = origins.append(.string(session.isDatasetTable(name) ? "dataset" : session.origins[name] ?? "let"))
            }
            let count = session.tableNames.count
            try session.show(Table(named: nil, columns: [
                ("table", names.build(count: count)), ("rows", rows.build(count: count)),
                ("columns", columns.build(count: count)), ("source", origins.build(count: count)),
            ]))
        },
        DotCommandDeclaration(
            name: "schema", usage: ".schema [TABLE]",
            summary: "Shows each column of TABLE (of every table without one) with its type and meaning.",
            examples: [".schema metrics"],
            arguments: .table
        ) { command, session, source in
            let names: [String]
            if let name = command.arguments.first {
                guard session.table(named: name) != nil else {
                    throw Diagnostic(message: Suggestion.message("unknown table \"\(name)\"", for: name, in: session.tableNames), range: command.range)
                }
                names = [name]
            } else {
                names = session.tableNames
            }
            var tableColumn = ColumnBuilder(), columnColumn = ColumnBuilder(), typeColumn = ColumnBuilder(), meaning = ColumnBuilder()
            var count = 0
            for name in names {
                guard let table = session.table(named: name) else { continue }
                let declared = session.isDatasetTable(name) ? DatasetSchema.table(named: name) : nil
                for (index, field) in table.fields.enumerated() {
                    _ = tableColumn.append(.string(name))
                    _ = columnColumn.append(.string(field.name))
                    _ = typeColumn.append(.string(table.columns[index].type.rawValue))
                    let summary = declared?.columns.first { $0.name == field.name }?.summary
                    _ = meaning.append(summary.map { .string($0) } ?? .null)
                    count += 1
                }
            }
            var columns: [(String, Column)] = []
            if names.count > 1 { columns.append(("table", tableColumn.build(count: count))) }
            columns += [("column", columnColumn.build(count: count)), ("type", typeColumn.build(count: count))]
            let descriptions = meaning.build(count: count)
            if descriptions.type != .null { columns.append(("meaning", descriptions)) }
            try session.show(Table(named: nil, columns: columns))
        },
        DotCommandDeclaration(
            name: "import", usage: ".import FILE [as NAME] [--type COL=TYPE]... [--null TEXT]... [--no-infer] [--lenient] [--delimiter ,|tab|\";\"|semicolon|pipe]",
            summary: "Makes a table of a CSV, TSV or JSON file for the rest of the session; - reads standard input.",
            details: "Column types are inferred (integer, decimal, date, timestamp, bool, string); --type forces one column's type, or converts it as number(), date() and timestamp() do (--type price=number, --type price=number:, for a decimal comma, --type day=date:%d/%m/%Y, --type at=timestamp:%Y%m%d%H%M%S), stopping at the first value that does not convert with its file:line:column; --null TEXT (repeatable) reads TEXT as null besides the empty field (--null N/A --null -); --no-infer reads every column as text, --lenient replaces invalid UTF-8 with U+FFFD and reports how much it replaced. The table is named after the file unless `as NAME` is given.",
            examples: ["people | select id, name | export \"/tmp/scicity-help-people.csv\"\n.import /tmp/scicity-help-people.csv as written\nwritten | count"],
            arguments: .path
        ) { command, session, _ in
            var (path, name, options) = try parseImport(command)
            options.isCancelled = session.environment.isInterrupted
            try TableLoader.checkFits(path, columns: nil, limit: session.settings.memoryLimit)
            let (table, report) = try TableLoader.load(path: path, options: options, progress: session.environment.writeProgress)
            let replacesTheArticles = session.isDatasetTable(name)
            session.define(name, table, origin: path == "-" ? "standard input" : path)
            if report.replacedInvalidSequences > 0 {
                session.environment.writeMessage("\(path): replaced \(report.replacedInvalidSequences) invalid UTF-8 sequence\(report.replacedInvalidSequences == 1 ? "" : "s") with U+FFFD (first on line \(report.firstInvalidLine ?? 0))\n")
            }
            if session.isInteractive {
                let rows = "\(table.rowCount) row\(table.rowCount == 1 ? "" : "s")"
                let columns = "\(table.columns.count) column\(table.columns.count == 1 ? "" : "s")"
                // A dataset name taken by a file hides the article's table for the session.
                let replacing = replacesTheArticles ? ", in place of the article's table \(name) (as NAME keeps both)" : ""
                session.environment.writeMessage("imported \(rows), \(columns) as \(name)\(replacing)\n")
            }
        },
        DotCommandDeclaration(
            name: "cite", aliases: ["source"], usage: ".cite TEXT",
            summary: "Shows the article's sentences that contain TEXT, the match highlighted on a terminal: where a fact came from.",
            details: "Matching ignores ASCII case. Use it with a quote, a name or a number: .cite 128, .cite 金凤实验室. Given a claim's id (.cite c060), it shows that claim's sentence with the claim's quote marked.",
            examples: [".cite 128", ".cite 深圳湾", ".cite c060"],
            arguments: .text
        ) { command, session, _ in
            let needle = command.rest
            guard !needle.isEmpty else { throw Diagnostic(message: "usage: .cite TEXT", range: command.range) }
            guard let sentences = session.table(named: "sentences") ?? nil else { return }
            if let claims = session.table(named: "claims") ?? nil, let claim = claim(needle, in: claims) {
                try cite(claim.quote, sentences: sentences, session: &session, sentence: claim.sentence)
                return
            }
            try cite(needle, sentences: sentences, session: &session)
        },
    ]

    /// The types `--type COLUMN=TYPE` takes by name, besides number and the formats.
    static let typeNames = ["integer", "decimal", "string", "date", "timestamp", "bool", "number"]
    static let typeUsage = "expected --type COLUMN=TYPE with TYPE one of \(typeNames.joined(separator: ", ")), date:FORMAT, timestamp:FORMAT"

    static func parseImport(_ command: DotCommand) throws -> (String, String, CSVReader.Options) {
        var arguments = command.arguments[...]
        guard let path = arguments.popFirst() else { throw Diagnostic(message: "usage: .import FILE [as NAME]", range: command.range) }
        var options = CSVReader.Options()
        var name: String?
        while let argument = arguments.popFirst() {
            switch argument {
            case "as":
                guard let given = arguments.popFirst(), isValidName(given) else {
                    throw Diagnostic(message: "expected a table name after \"as\" (letters, digits and _)", range: command.range)
                }
                name = given
            case "--type":
                guard let spec = arguments.popFirst(), let equals = spec.firstIndex(of: "=") else {
                    throw Diagnostic(message: typeUsage, range: command.range)
                }
                let column = String(spec[..<equals]), typeText = String(spec[spec.index(after: equals)...])
                let conversion: FieldConversion?
                do { conversion = try FieldConversion.parse(typeText) } catch let invalid as DateFormat.Invalid {
                    throw Diagnostic(message: "--type \(spec): \(invalid.message)", range: command.range)
                }
                if let conversion {
                    options.conversions[column] = conversion
                } else if let type = ValueType(rawValue: typeText), type != .null {
                    options.forcedTypes[column] = type
                } else {
                    // Other tools' names for these types, and typos.
                    let other = ["text": "string", "varchar": "string", "str": "string", "int": "integer", "bigint": "integer",
                                 "boolean": "bool", "datetime": "timestamp", "numeric": "decimal"]
                    let match = other[typeText.lowercased()] ?? Suggestion.nearest(to: typeText, in: typeNames)
                    throw Diagnostic(message: typeUsage + ", not \"\(typeText)\"" + (match.map { "; did you mean \"\($0)\"?" } ?? ""), range: command.range)
                }
            case "--null":
                guard let text = arguments.popFirst() else { throw Diagnostic(message: "expected --null TEXT, the text that means null (N/A)", range: command.range) }
                options.nullTexts.append(text)
            case "--no-infer": options.inferTypes = false
            case "--lenient": options.lenient = true
            case "--delimiter":
                switch arguments.popFirst() {
                case ","?, "comma"?: options.delimiter = 44
                case "tab"?, "\t"?: options.delimiter = 9
                case ";"?, "semicolon"?: options.delimiter = 59
                case "|"?, "pipe"?: options.delimiter = 124
                // A bare ; ends the statement, so it never arrives here.
                default: throw Diagnostic(message: "expected --delimiter , or tab or \";\" (or semicolon) or | (a bare ; ends the statement)", range: command.range)
                }
            default:
                throw Diagnostic(message: "unexpected \"\(argument)\"; usage: .import FILE [as NAME] [--type COL=TYPE] [--null TEXT] [--no-infer] [--lenient] [--delimiter D]", range: command.range)
            }
        }
        return (path, name ?? defaultName(for: path), options)
    }

    /// The table name a file gets without `as`: its base name, with anything
    /// that is not a letter, digit or _ made _ (data/my-facts.csv → my_facts).
    static func defaultName(for path: String) -> String {
        if path == "-" { return "stdin" }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let base = file.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? file
        var name = String(base.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" ? Character(scalar) : "_"
        })
        if name.isEmpty || name.first?.isNumber == true { name = "t_" + name }
        return name
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The sentence id and quote of the claim whose id is `text` (c060), if
    /// the claims table has one.
    static func claim(_ text: String, in claims: Table) -> (sentence: String, quote: String)? {
        guard let ids = claims.column(named: "id"), let sentences = claims.column(named: "sentence"),
              let quotes = claims.column(named: "quote") else { return nil }
        let wanted = text.lowercased()
        guard let row = (0..<claims.rowCount).first(where: { !ids.isNull($0) && ids[$0].description.lowercased() == wanted }),
              !sentences.isNull(row), !quotes.isNull(row) else { return nil }
        return (sentences[row].description, quotes[row].description)
    }

    /// Shows the sentences that contain `needle`; only the one whose id is
    /// `sentence`, when given.
    static func cite(_ needle: String, sentences: Table, session: inout Session, sentence: String? = nil) throws {
        guard let ids = sentences.column(named: "id"), let paragraphs = sentences.column(named: "paragraph"),
              let texts = sentences.column(named: "text") else { return }
        let lowered = needle.lowercased()
        let rows = (0..<sentences.rowCount).filter {
            texts[$0].description.lowercased().utf8Contains(lowered) && (sentence == nil || ids[$0].description == sentence)
        }
        let table = sentences.gather(rows)
        let toTerminal = session.settings.format == .table && session.settings.outputPath == nil
            && session.settings.oncePath == nil && session.environment.outputIsTerminal
        guard toTerminal else {
            try session.show(table)
            return
        }
        // On a terminal: one sentence a line, the match highlighted.
        let color = session.environment.colorAllowed
        var out = ""
        for row in rows {
            let text = texts[row].description
            let label = "[\(ids[row])] ¶\(paragraphs[row])"
            out += (color ? "\u{1B}[2m\(label)\u{1B}[0m " : "\(label) ") + highlight(text, lowered, color: color) + "\n"
        }
        out += "\(rows.count) sentence\(rows.count == 1 ? "" : "s")\n"
        try session.environment.writeOutput(Array(out.utf8)[...])
    }

    /// Marks each occurrence of `needle` (already lower-cased) in `text`.
    static func highlight(_ text: String, _ needle: String, color: Bool) -> String {
        let (open, close) = color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("«", "»")
        let characters = Array(text)
        let lowered = characters.map { String($0).lowercased() }
        let target = Array(needle).map { String($0) }
        guard !target.isEmpty else { return text }
        var out = ""
        var i = 0
        while i < characters.count {
            if i + target.count <= characters.count, Array(lowered[i..<(i + target.count)]) == target {
                out += open + String(characters[i..<(i + target.count)]) + close
                i += target.count
            } else {
                out.append(characters[i])
                i += 1
            }
        }
        return out
    }
}

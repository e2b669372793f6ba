import SciLanguage
import SciPlan
import SciSQL

/// `.sql [DIALECT] STATEMENT` and `.engine [NAME]`: pipelines as SQL, and
/// which engine runs them.
enum SQLCommands {
    static let sql = DotCommandDeclaration(
        name: "sql", usage: ".sql [duckdb|spark|postgres|sqlite] STATEMENT",
        summary: "Shows the SQL a pipeline compiles to (DuckDB unless a dialect is named), without running it.",
        details: "The SQL spells out scicity's meaning: nulls sort last, text orders by code point, / gives a decimal and null for a zero divisor, and rows come in scicity's order (first appearance for groups, distinct and joins). Tables are read by name, with dates as text; a construct a dialect cannot express is refused by name.",
        examples: [#".sql metrics | where unit == "亩" | summarize total = sum(value)"#],
        arguments: .statement(after: SQLDialect.Name.allCases.map(\.rawValue))
    ) { command, session, source in
        var embedded = PlanCommand.embedded(command, in: source)
        var dialect = SQLDialect.duckdb
        if let first = command.rest.split(separator: " ").first, let named = SQLDialect.named(String(first)) {
            dialect = named
            // Blank out the dialect's name, keeping columns where they were.
            var scalars = Array(embedded.text.unicodeScalars)
            var index = scalars.firstIndex { $0 != " " } ?? 0
            while index < scalars.count, scalars[index] != " ", scalars[index] != "\n" { scalars[index] = " "; index += 1 }
            var blanked = ""
            blanked.unicodeScalars.append(contentsOf: scalars)
            let location = source.location(of: min(command.range.start, source.scalars.count))
            embedded = SourceText(name: source.name, text: blanked, firstLine: location.line)
        }
        let statement = try Parser.parseStatement(embedded, stages: StageCatalog.grammars)
        guard case .pipeline(let pipeline) = statement else {
            throw Diagnostic(message: ".sql shows the SQL of a pipeline, like .sql metrics | count", range: command.range)
        }
        let text: String
        do {
            let planned = try session.plan(pipeline, in: embedded)
            try Session.refuseExport(planned, dialect)
            text = try session.sql(pipeline, dialect, in: embedded).compile(planned.plan).text
        } catch let diagnostic as Diagnostic {
            throw diagnostic.located(in: embedded)
        }
        try session.environment.writeOutput(Array((text + "\n").utf8)[...])
    }

    static let engine = DotCommandDeclaration(
        name: "engine", usage: ".engine [builtin|duckdb|spark]",
        summary: "Shows or sets the engine that runs pipelines: scicity's own, DuckDB (the duckdb CLI) or Spark (spark-sql).",
        details: "Results print exactly as the built-in engine's do. Spark's JVM starts at the first pipeline on Spark and serves the rest of the session. DuckDB needs duckdb on PATH (pip install duckdb-cli); Spark needs spark-sql (pip install pyspark) and Java, and runs in local mode unless --master or SPARK_MASTER names a cluster.",
        examples: [".engine"],
        arguments: .choice(EngineChoice.allCases.map(\.rawValue))
    ) { command, session, source in
        guard let name = command.arguments.first else {
            try session.environment.writeOutput(Array("\(session.settings.engine.rawValue)\n".utf8)[...])
            return
        }
        guard command.arguments.count == 1, let choice = EngineChoice(rawValue: name.lowercased()) else {
            throw Diagnostic(message: "usage: .engine [builtin|duckdb|spark]", range: command.range)
        }
        session.settings.engine = choice
        // Spark's JVM, started at the first pipeline on Spark, is not kept for nothing.
        if choice != .spark { session.spark.stop() }
    }
}

import Foundation
import SciEngine
import SciLanguage
import SciPlan
@testable import SciShell
@testable import SciSQL
import Testing

/// Every stage, function, aggregate and operator compiles to DuckDB,
/// Spark, PostgreSQL and SQLite SQL (or is refused by name): adding one without its SQL fails here.
/// (A new kind of plan node cannot even build without its SQL: the
/// compiler's switch over `Plan.Node` has no default.)
@Suite struct SQLCoverageTests {
    static let dialects: [SQLDialect] = SQLDialect.all

    @Test func everyFunctionAggregateAndOperatorHasItsSQL() {
        for function in Functions.all { #expect(SQLFunctions.scalars[function.name] != nil, "function \(function.name) has no SQL") }
        for aggregate in Aggregates.all { #expect(SQLFunctions.aggregates[aggregate.name] != nil, "aggregate \(aggregate.name) has no SQL") }
        for op in BinaryOperator.allCases { #expect(SQLFunctions.operators[op.rawValue] != nil, "operator \(op.rawValue) has no SQL") }
    }

    /// A statement's SQL through `.sql DIALECT`, or the error it gave.
    static func sql(_ statement: String, _ dialect: SQLDialect) -> Transcript {
        Transcript.of(".sql \(dialect.name.rawValue) \(statement)")
    }

    static func compiles(_ statement: String, _ dialect: SQLDialect) -> Bool {
        let transcript = sql(statement, dialect)
        if transcript.errors == 0 { return transcript.output.contains("SELECT") && transcript.output.contains("ORDER BY _o") }
        // A refusal names what is refused and the dialect.
        return transcript.messages.contains("cannot be compiled to \(dialect.displayName) SQL")
    }

    @Test(arguments: dialects)
    func everyStageExampleCompiles(_ dialect: SQLDialect) {
        for stage in StageCatalog.all where stage.keyword != "export" {
            for example in stage.examples {
                #expect(Self.compiles(example, dialect), "\(stage.keyword): \(example) in \(dialect.displayName): \(Self.sql(example, dialect).messages)")
            }
        }
        for function in WindowFunctions.all {
            #expect(Self.compiles(function.example, dialect), "\(function.name) in \(dialect.displayName): \(Self.sql(function.example, dialect).messages)")
        }
    }

    @Test(arguments: dialects)
    func everyFunctionAndAggregateExampleCompiles(_ dialect: SQLDialect) {
        for function in Functions.all {
            #expect(Self.compiles(function.example, dialect), "\(function.name) in \(dialect.displayName): \(Self.sql(function.example, dialect).messages)")
        }
        for aggregate in Aggregates.all {
            #expect(Self.compiles(aggregate.example, dialect), "\(aggregate.name) in \(dialect.displayName): \(Self.sql(aggregate.example, dialect).messages)")
        }
    }

    /// PostgreSQL and SQLite compile only what was written for them: a
    /// function DuckDB has and SQLite lacks is refused by name, not given
    /// DuckDB's spelling; every name their tables list is a real one.
    @Test func thePortableDialectsCompileWhatWasWrittenForThemAndRefuseTheRest() {
        for dialect in [SQLDialect.postgres, .sqlite] {
            let transcript = Self.sql("metrics | where unit == \"亩\" | summarize n = count() by entity | sort n desc", dialect)
            #expect(transcript.errors == 0, "\(transcript.messages)")
            #expect(transcript.output.contains("ORDER BY _o"))
        }
        let median = Self.sql("metrics | summarize m = median(value)", .sqlite)
        #expect(median.messages.contains("the aggregate median cannot be compiled to SQLite SQL"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-sqlite-load-\(getpid()).csv")
        try? Data("a,b\n1,x\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let load = Self.sql("load \"\(file.path)\" | count", .sqlite)
        #expect(load.messages.contains("load of a file cannot be compiled to SQLite SQL"))
        let names = Set(Functions.all.map(\.name)), aggregates = Set(Aggregates.all.map(\.name))
        let operators = Set(BinaryOperator.allCases.map(\.rawValue))
        for name in SQLFunctions.sharedScalars.union(SQLFunctions.postgresScalars.keys).union(SQLFunctions.sqliteScalars.keys) {
            #expect(names.contains(name), "\(name) is not a function")
        }
        for name in SQLFunctions.sharedAggregates.union(SQLFunctions.postgresAggregates.keys).union(SQLFunctions.sqliteAggregates.keys) {
            #expect(aggregates.contains(name), "\(name) is not an aggregate")
        }
        for name in SQLFunctions.sharedOperators.union(SQLFunctions.postgresOperators.keys).union(SQLFunctions.sqliteOperators.keys) {
            #expect(operators.contains(name), "\(name) is not an operator")
        }
    }

    @Test func aLetIsAViewInSQLiteToo() {
        let (environment, captured) = ShellEnvironment.capturing()
        guard var session = try? Session(environment: environment) else { Issue.record("no session"); return }
        session.settings.printSQL = .sqlite
        let outcome = session.run(SourceText(name: "-c", text: "let lab = entities | where kind == \"lab\"\nlab | count\n"))
        #expect(outcome.errors == 0, "\(captured.messages)")
        #expect(captured.text.contains("DROP VIEW IF EXISTS \"lab\";\nCREATE TEMPORARY VIEW \"lab\" AS"))
    }

    @Test func aConstructADialectCannotExpressIsRefusedNamingBoth() {
        let transcript = Self.sql(#"entities | where name_en matches "\d+" | count"#, .duckdb)
        #expect(transcript.errors == 1)
        #expect(transcript.messages.contains("matches with this pattern cannot be compiled to DuckDB SQL"))
    }

    @Test func exportIsRefusedInSQLButNotOnAnEngine() {
        let transcript = Self.sql(#"metrics | take 1 | export "/tmp/scicity-never-written.csv""#, .spark)
        #expect(transcript.errors == 1)
        #expect(transcript.messages.contains("export cannot be compiled to Spark SQL"))
    }

    @Test func aLetBecomesAViewThatKeepsItsRowOrder() {
        let (environment, captured) = ShellEnvironment.capturing()
        guard var session = try? Session(environment: environment) else { Issue.record("no session"); return }
        session.settings.printSQL = .duckdb
        let outcome = session.run(SourceText(name: "-c", text: "let lab = entities | where kind == \"lab\"\nlab | count\n"))
        #expect(outcome.errors == 0, "\(captured.messages)")
        #expect(captured.text.contains("CREATE OR REPLACE TEMPORARY VIEW \"lab\" AS"))
        #expect(captured.text.contains("_o AS \"scicity_row_order\""))
        #expect(captured.text.contains("\"scicity_row_order\" AS _o FROM \"lab\""))
    }
}

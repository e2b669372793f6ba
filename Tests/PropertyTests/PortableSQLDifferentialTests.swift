import Foundation
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL
import Testing

/// The random pipelines of the DuckDB suite, compiled for SQLite and for
/// PostgreSQL and run there: what compiles must give the built-in engine's
/// rows, in its order; what does not is refused by name. Seeded.
@Suite struct PortableSQLDifferentialTests {
    static let caseCount = Int(ProcessInfo.processInfo.environment["SCICITY_PORTABLE_CASES"] ?? "") ?? 700

    struct Tally {
        var same = 0, bothFailed = 0, differ = 0
        var refused: [String: Int] = [:]
    }

    /// How a world's tables reach the engine: the relations the SQL reads,
    /// and SQL that makes them there (for SQLite).
    struct Setup {
        var relations: [String: SQLRelation]
        var definitions = ""
    }

    /// Runs `caseCount` pipelines through `run` (the engine, given the SQL, the plan's schema and the set-up).
    static func differential(_ dialect: SQLDialect, prepare: (Harness, _ sources: [String], _ files: [String: SQLRelation]) -> Setup,
                             run: (SQLQuery, Schema, Setup) -> Result<Table, Harness.Failure>) throws -> Tally {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-\(dialect.name)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var tally = Tally()
        for seed in 0..<UInt64(caseCount) {
            let (harness, sources, random, fileRelations) = try SQLDifferentialTests.world(seed: seed, folder: folder, wideDecimals: false)
            let setup = prepare(harness, sources, fileRelations)
            let relations = setup.relations
            var generator = RandomPipelines(random: random, harness: harness, sources: sources)
            let pipeline = generator.pipeline()
            let builtin = harness.run(pipeline)
            let source = SourceText(name: "case", text: pipeline)
            let query: SQLQuery, schema: Schema
            do {
                guard case .pipeline(let parsed) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { continue }
                let planned = try PipelineRunner(catalog: harness).plan(parsed, in: source)
                schema = planned.plan.schema
                query = try SQLCompiler(dialect: dialect, catalog: harness, relations: relations).compile(planned.plan)
            } catch let diagnostic as Diagnostic {
                if case .success = builtin { tally.refused[diagnostic.message, default: 0] += 1 } else { tally.bothFailed += 1 }
                continue
            }
            let engine = run(query, schema, setup)
            var difference: String?
            switch (builtin, engine) {
            case (.success(let a), .success(let b)): difference = PropertyTests.difference(a, b)
            case (.failure, .failure): tally.bothFailed += 1; continue
            default: difference = "one engine failed"
            }
            guard let difference else { tally.same += 1; continue }
            tally.differ += 1
            Issue.record("""
                seed \(seed): the built-in engine and \(dialect.displayName) differ: \(difference)
                  pipeline: \(pipeline)
                \(dialect.displayName) SQL:
                \(query.text)
                built-in:
                \(SQLDifferentialTests.show(builtin))\(dialect.displayName):
                \(SQLDifferentialTests.show(engine))
                the data (t, and u):
                \(SQLDifferentialTests.show(harness.tables["t"].map { .success($0) }))
                \(SQLDifferentialTests.show(harness.tables["u"].map { .success($0) }))
                """)
        }
        print("differential (\(dialect.displayName)): \(tally.same) the same, \(tally.bothFailed) failed on both, \(tally.refused.values.reduce(0, +)) refused, \(tally.differ) differ, of \(caseCount)")
        for (message, count) in tally.refused.sorted(by: { $0.value > $1.value }) { print("  refused \(count)×: \(message)") }
        // What the dialect is not given is refused by name, never run differently.
        for message in tally.refused.keys {
            #expect(message.contains("cannot be compiled to \(dialect.displayName) SQL"), "refused without naming the construct: \(message)")
        }
        return tally
    }

    @Test func randomPipelinesGiveTheSameRowsOnSQLite() throws {
        try #require(SQLEngines.executable("sqlite3") != nil, "sqlite3 is missing: scripts/engines installs it")
        // SQLite's SQL reads no files: the tables, and the files as scicity
        // reads them, are made in the database, rows numbered.
        let tally = try Self.differential(.sqlite, prepare: { harness, sources, _ in
            var setup = Setup(relations: [:])
            for (index, source) in sources.enumerated() {
                let name = "w\(index)"
                var table = harness.tables[source]
                if source.hasPrefix("load \""), source.hasSuffix("\"") {
                    let path = String(source.dropFirst(6).dropLast())
                    table = try? harness.load(path: path, columns: nil, at: SourceRange(0, 0))
                    setup.relations[SQLCompiler.fileKey(path)] = .named(name, ordinal: "scicity_row")
                } else {
                    setup.relations[source] = .named(name, ordinal: "scicity_row")
                }
                if let table { setup.definitions += SQLEngines.sqliteDefinition(name, table) }
            }
            return setup
        }, run: { query, schema, setup in
            SQLEngines.sqlite(query.text, definitions: setup.definitions, schema: schema)
        })
        #expect(tally.same >= Self.caseCount / 4, "only \(tally.same) pipelines ran alike on SQLite")
    }

    @Test func randomPipelinesGiveTheSameRowsOnPostgreSQL() throws {
        try #require(SQLEngines.executable("psql") != nil && SQLEngines.postgresSocket != nil,
                     "PostgreSQL is missing: scripts/engines installs it, scripts/postgres starts it")
        let tally = try Self.differential(.postgres, prepare: { _, _, files in Setup(relations: files) }, run: { query, schema, _ in
            SQLEngines.postgres(query.text, schema: schema)
        })
        #expect(tally.same >= Self.caseCount / 3, "only \(tally.same) pipelines ran alike on PostgreSQL")
    }
}

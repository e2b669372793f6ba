import Foundation
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL
import Testing

/// The same pipelines on the built-in engine and on DuckDB (the SQL that
/// `--sql duckdb` prints, run by `duckdb -json -c`): the same rows, in the
/// same order, of the same types. Seeded; a mismatch prints the pipeline,
/// the SQL, both results, and a reproducer cut down to the stages that
/// still make it differ.
@Suite struct SQLDifferentialTests {
    static let caseCount = 1700

    /// Two random tables, `t` and `u`, also as CSV files: pipelines start
    /// from the names or from `load` of the files.
    static func world(seed: UInt64, folder: URL, wideDecimals: Bool = true) throws -> (Harness, [String], RandomSource, [String: SQLRelation]) {
        var random = RandomSource(seed: seed &* 7919 &+ 13)
        var harness = Harness()
        var sources: [String] = []
        var relations: [String: SQLRelation] = [:]
        for name in ["t", "u"] {
            let table = RandomTables.table(&random, origin: name, wideDecimals: wideDecimals)
            harness.tables[name] = table
            let path = folder.appendingPathComponent("\(name)-\(seed).csv").path
            try Data(TableWriter.string(table, options: OutputOptions(format: .csv)).utf8).write(to: URL(fileURLWithPath: path))
            sources += [name, "load \"\(path)\""]
            // The name reads the table as --engine writes session tables: numbered rows.
            let numberedPath = folder.appendingPathComponent("\(name)-\(seed)-numbered.csv").path
            let numbers = Column(.integer((0..<table.rowCount).map { Int64($0) + 1 }))
            let numbered = Table(fields: [Table.Field(name: "scicity_row", origin: nil)] + table.fields, columns: [numbers] + table.columns, rowCount: table.rowCount)
            try Data(TableWriter.string(numbered, options: OutputOptions(format: .csv)).utf8).write(to: URL(fileURLWithPath: numberedPath))
            relations[name] = .numberedFile(path: numberedPath)
        }
        return (harness, sources, random, relations)
    }

    enum Outcome {
        case same
        case refused(String)
        case bothFailed
        case differ(String)
        /// scicity stops with a decimal overflow (a result past 64 bits at
        /// its column's scale) where the engine, computing in 38 digits,
        /// goes on: the one difference SCALE-OUT.md names. Counted, not hidden.
        case overflowOnlyInScicity
    }

    /// Compiles and runs one pipeline on both engines.
    static func compare(_ pipeline: String, _ harness: Harness, _ relations: [String: SQLRelation], dialect: SQLDialect = .duckdb) -> (Outcome, sql: String?, builtin: Result<Table, Harness.Failure>, engine: Result<Table, Harness.Failure>?) {
        let builtin = harness.run(pipeline)
        let source = SourceText(name: "case", text: pipeline)
        let query: SQLQuery
        let schema: Schema
        do {
            let statement = try Parser.parseStatement(source, stages: StageCatalog.grammars)
            guard case .pipeline(let parsed) = statement else { return (.bothFailed, nil, builtin, nil) }
            let planned = try PipelineRunner(catalog: harness).plan(parsed, in: source)
            schema = planned.plan.schema
            query = try SQLCompiler(dialect: dialect, catalog: harness, relations: relations).compile(planned.plan)
        } catch let diagnostic as Diagnostic {
            if case .success = builtin { return (.refused(diagnostic.message), nil, builtin, nil) }
            return (.bothFailed, nil, builtin, nil)
        } catch {
            return (.differ("\(error)"), nil, builtin, nil)
        }
        let engine = SQLEngines.duckdb(query.text, schema: schema)
        switch (builtin, engine) {
        case (.success(let a), .success(let b)):
            if let difference = difference(a, b) { return (.differ(difference), query.text, builtin, engine) }
            return (.same, query.text, builtin, engine)
        case (.failure, .failure): return (.bothFailed, query.text, builtin, engine)
        case (.failure(let failure), .success) where failure.message.contains("decimal overflow"):
            return (.overflowOnlyInScicity, query.text, builtin, engine)
        default: return (.differ("one engine failed"), query.text, builtin, engine)
        }
    }

    /// A pipeline's SQL in a dialect, or why there is none.
    static func sqlText(_ pipeline: String, _ harness: Harness, _ relations: [String: SQLRelation], _ dialect: SQLDialect) -> String {
        let source = SourceText(name: "case", text: pipeline)
        do {
            guard case .pipeline(let parsed) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { return "(not a pipeline)" }
            let planned = try PipelineRunner(catalog: harness).plan(parsed, in: source)
            return try SQLCompiler(dialect: dialect, catalog: harness, relations: relations).compile(planned.plan).text
        } catch let diagnostic as Diagnostic {
            return "(refused: \(diagnostic.message))"
        } catch {
            return "(\(error))"
        }
    }

    /// The fewest stages that still differ: drops stages while it keeps differing.
    static func minimise(_ pipeline: String, _ harness: Harness, _ relations: [String: SQLRelation]) -> String {
        var stages = pipeline.components(separatedBy: " | ")
        var index = stages.count - 1
        while index >= 1 {
            var shorter = stages
            shorter.remove(at: index)
            if case .differ = compare(shorter.joined(separator: " | "), harness, relations).0 { stages = shorter }
            index -= 1
        }
        return stages.joined(separator: " | ")
    }

    static func show(_ result: Result<Table, Harness.Failure>?) -> String {
        switch result {
        case .success(let table)?: return TableWriter.string(table, options: OutputOptions(format: .csv))
        case .failure(let failure)?: return "error: \(failure.message)\n"
        case nil: return "(not run)\n"
        }
    }

    @Test func randomPipelinesGiveTheSameRowsOnDuckDB() throws {
        try #require(SQLEngines.executable("duckdb") != nil, "duckdb is missing: scripts/engines installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-sql-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var same = 0, refused: [String: Int] = [:], bothFailed = 0, mismatches = 0, overflows = 0
        for seed in 0..<UInt64(Self.caseCount) {
            let (harness, sources, random, relations) = try Self.world(seed: seed, folder: folder)
            var generator = RandomPipelines(random: random, harness: harness, sources: sources)
            let pipeline = generator.pipeline()
            let (outcome, sql, builtin, engine) = Self.compare(pipeline, harness, relations)
            switch outcome {
            case .same: same += 1
            case .bothFailed: bothFailed += 1
            case .overflowOnlyInScicity: overflows += 1
            case .refused(let message): refused[message, default: 0] += 1
            case .differ(let difference):
                mismatches += 1
                let reproducer = Self.minimise(pipeline, harness, relations)
                Issue.record("""
                    seed \(seed): the built-in engine and DuckDB differ: \(difference)
                      pipeline: \(pipeline)
                      shortest that differs: \(reproducer)
                    DuckDB SQL:
                    \(sql ?? "(none)")
                    Spark SQL (the same plan):
                    \(Self.sqlText(pipeline, harness, relations, .spark))
                    built-in:
                    \(Self.show(builtin))DuckDB:
                    \(Self.show(engine))
                    the data (t, and u; their files hold the same rows):
                    \(Self.show(harness.tables["t"].map { .success($0) }))
                    \(Self.show(harness.tables["u"].map { .success($0) }))
                    """)
            }
        }
        print("differential (DuckDB): \(same) the same, \(bothFailed) failed on both, \(overflows) a decimal overflow in scicity only, \(refused.values.reduce(0, +)) refused, \(mismatches) differ, of \(Self.caseCount)")
        for (message, count) in refused.sorted(by: { $0.value > $1.value }) { print("  refused \(count)×: \(message)") }
        #expect(same >= 1000, "only \(same) pipelines ran alike on both engines")
        // What DuckDB is not given (some window
        // functions) is refused by name, never run differently.
        for message in refused.keys {
            #expect(message.contains("cannot be compiled to DuckDB SQL"), "refused without naming the construct: \(message)")
        }
    }
}

import Foundation
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL
import Testing

/// The random pipelines of the DuckDB suite (the same seeds), at least 100
/// of them, on Spark in local mode too: all in one Spark session (one JVM,
/// scripts/spark-batch.py), since Spark takes ~20 s to start. The same rows
/// in the same order as the built-in engine's. `SCICITY_SPARK_CASES` sets
/// how many (default 150).
@Suite struct SparkDifferentialTests {
    static let caseCount = Int(ProcessInfo.processInfo.environment["SCICITY_SPARK_CASES"] ?? "") ?? 150

    struct Case {
        var seed: UInt64
        var pipeline: String
        var sql: String
        var schema: Schema
        var builtin: Result<Table, Harness.Failure>
    }

    /// What a mismatch prints: the pipeline, both SQL texts, both results.
    static func report(_ headline: String, _ item: Case, _ spark: Result<Table, Harness.Failure>, folder: URL) -> String {
        var duckSQL = "(none)"
        if let (harness, _, _, relations) = try? SQLDifferentialTests.world(seed: item.seed, folder: folder) {
            duckSQL = SQLDifferentialTests.sqlText(item.pipeline, harness, relations, .duckdb)
        }
        return "seed \(item.seed): \(headline)\n  \(item.pipeline)\nSpark SQL:\n\(item.sql)\nDuckDB SQL (the same plan):\n\(duckSQL)\nbuilt-in:\n\(SQLDifferentialTests.show(item.builtin))Spark:\n\(SQLDifferentialTests.show(spark))"
    }

    @Test func randomPipelinesGiveTheSameRowsOnSpark() throws {
        let python = SQLEngines.venvBin.appendingPathComponent("python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "no .build/venv: scripts/engines makes it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-spark-\(getpid())")
        let results = folder.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var cases: [Case] = []
        var refused: [String: Int] = [:]
        func consider(_ seed: UInt64, _ pipeline: String, _ harness: Harness, _ relations: [String: SQLRelation]) throws {
            let builtin = harness.run(pipeline)
            let source = SourceText(name: "case", text: pipeline)
            do {
                guard case .pipeline(let parsed) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { return }
                let planned = try PipelineRunner(catalog: harness).plan(parsed, in: source)
                let query = try SQLCompiler(dialect: .spark, catalog: harness, relations: relations).compile(planned.plan)
                cases.append(Case(seed: seed, pipeline: pipeline, sql: query.text, schema: planned.plan.schema, builtin: builtin))
            } catch let diagnostic as Diagnostic {
                if case .success = builtin { refused[diagnostic.message, default: 0] += 1 }
            }
        }
        var seed: UInt64 = 0
        while cases.count < Self.caseCount, seed < 5000 {
            defer { seed += 1 }
            let (harness, sources, random, relations) = try SQLDifferentialTests.world(seed: seed, folder: folder)
            var generator = RandomPipelines(random: random, harness: harness, sources: sources)
            try consider(seed, generator.pipeline(), harness, relations)
        }
        // Then every new function over a few tables (see
        // FunctionDifferentialTests), which random pipelines meet rarely.
        for seed in UInt64(0)..<4 {
            let (harness, _, _, relations) = try SQLDifferentialTests.world(seed: seed, folder: folder)
            guard let table = harness.tables["t"] else { continue }
            for pipeline in FunctionDifferentialTests.pipelines(over: table, spark: true) { try consider(seed, pipeline, harness, relations) }
        }
        // Rebuild the payloads in order (setup and select of each case).
        var payloads: [[String: Any]] = []
        for item in cases {
            let (harness, _, _, relations) = try SQLDifferentialTests.world(seed: item.seed, folder: folder)
            let source = SourceText(name: "case", text: item.pipeline)
            guard case .pipeline(let parsed) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { continue }
            let planned = try PipelineRunner(catalog: harness).plan(parsed, in: source)
            let query = try SQLCompiler(dialect: .spark, catalog: harness, relations: relations).compile(planned.plan)
            payloads.append(["setup": query.setup, "select": query.select])
        }
        let casesFile = folder.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: payloads).write(to: casesFile)
        let script = SQLEngines.packageRoot.appendingPathComponent("scripts/spark-batch.py").path
        let clock = ContinuousClock()
        let start = clock.now
        let (_, err, status) = try SQLEngines.run(python, [script, casesFile.path, results.path, "local[2]"])
        let elapsed = clock.now - start
        try #require(status == 0, "spark-batch.py failed: \(err.suffix(3000))")

        var same = 0, bothFailed = 0, mismatches = 0, overflows = 0
        for (index, item) in cases.enumerated() {
            let rowsURL = results.appendingPathComponent("\(index).json")
            let spark: Result<Table, Harness.Failure>
            if let data = try? Data(contentsOf: rowsURL) {
                do {
                    spark = .success(try SQLEngines.table(read: try JSONReader(fileName: "spark").read(Array(data)), schema: item.schema))
                } catch {
                    spark = .failure(Harness.Failure(message: "\(error)"))
                }
            } else {
                let message = (try? String(contentsOf: results.appendingPathComponent("\(index).error"), encoding: .utf8)) ?? "no result"
                spark = .failure(Harness.Failure(message: message))
            }
            switch (item.builtin, spark) {
            case (.success(let a), .success(let b)):
                if let difference = difference(a, b) {
                    mismatches += 1
                    Issue.record(Comment(rawValue: Self.report("the built-in engine and Spark differ: \(difference)", item, spark, folder: folder)))
                } else {
                    same += 1
                }
            case (.failure, .failure): bothFailed += 1
            // SQLDifferentialTests.Outcome.overflowOnlyInScicity: counted, named in SCALE-OUT.md.
            case (.failure(let failure), .success) where failure.message.contains("decimal overflow"): overflows += 1
            default:
                mismatches += 1
                Issue.record(Comment(rawValue: Self.report("one engine failed", item, spark, folder: folder)))
            }
        }
        print("differential (Spark local, one JVM, \(elapsed)): \(same) the same, \(bothFailed) failed on both, \(overflows) a decimal overflow in scicity only, \(refused.values.reduce(0, +)) refused, \(mismatches) differ, of \(cases.count)")
        for (message, count) in refused.sorted(by: { $0.value > $1.value }) { print("  refused \(count)×: \(message)") }
        #expect(same >= min(100, Self.caseCount * 2 / 3), "only \(same) pipelines ran alike on Spark")
        // What Spark is not given (a file of one column, whose empty lines its
        // reader skips; some window functions) is
        // refused by name, never run differently.
        #expect(refused.keys.allSatisfy { $0.contains("cannot be compiled to Spark SQL") }, "\(refused)")
    }
}

import Foundation
import SciEngine
import SciLanguage
import Testing

/// Every function and aggregate of the conditions, text, number and
/// statistics set, over every column of random tables, on the built-in
/// engine and on DuckDB: the random pipelines meet each only now and then,
/// this meets each on every seed.
@Suite struct FunctionDifferentialTests {
    /// `spark`: without what Spark is refused (pow to a power that is not a
    /// whole number written out: Java's pow is not correctly rounded).
    static func expressions(_ r: String, _ type: ValueType, spark: Bool = false) -> [String] {
        switch type {
        case .integer, .decimal, .float:
            return ["floor(\(r))", "ceil(\(r))", "trunc(\(r))", "sqrt(\(r))", "ln(\(r))", "log10(\(r))", "exp(\(r))", "exp(\(r) / 100)",
                    "pow(\(r), 2)", "pow(\(r), -1)", "pow(\(r), 0.5)", spark ? "pow(\(r), 0)" : "pow(2, \(r))", "sign(\(r))", "concat(\(r), \"|\", null)",
                    "case when \(r) > 0 then \(r) when \(r) < 0 then 5 end", "case when \(r) > 2 then \(r) % 5 else -\(r) end",
                    "case when \(r) > 0 then \(r) else 0.25 end"]
        case .string:
            return ["concat(\(r), \"-\", null, \(r))", "split(\(r), \",\", 1)", "split(\(r), \",\", 2)", "split(\(r), \"科\", 2)", "split(\(r), \"\", 1)", "split(\(r), \"x\", 0)",
                    "extract(\(r), \"[xy]+\")", "extract(\(r), \"(重庆|科学)(城)?\", 2)", "extract(\(r), \"^(.)\", 1)", "extract(\(r), \"(a)|(b)\", 2)",
                    "regexp_replace(\(r), \"[a-z]\", \"<\\0>\")", "regexp_replace(\(r), \"(e)\", \"\\1\\1\")", "regexp_replace(\(r), \"x+\", \"-\")",
                    "regexp_replace(\(r), \"科学\", \"$1\\\\\\\\\")", "regexp_replace(\(r), \"^x\", \"^\")",
                    // Patterns that match empty text follow RE2 (DuckDB); Spark refuses them.
                    spark ? "regexp_replace(\(r), \"x+\", \"+\")" : "regexp_replace(\(r), \"x*\", \"-\")",
                    spark ? "regexp_replace(\(r), \"y\", \"\")" : "regexp_replace(\(r), \"(科|)\", \"<\\1>\")",
                    "case when \(r) == \"\" then \"empty\" when \(r) is null then \"none\" else \(r) end", "lpad(\"ab\", 5, \"xy\")", "rpad(\"ab\", 1)", "lpad(\"ab\", -1)"]
        case .date: return ["case when \(r) > @2023-01-01 then \(r) end", "concat(\(r))"]
        case .timestamp: return ["case when \(r) > @2023-01-01T00:00:00 then \(r) end", "concat(\(r))"]
        case .bool: return ["case when \(r) then 1 when not \(r) then 0 else -1 end", "concat(\(r), \(r))"]
        case .null: return ["concat(\(r))"]
        }
    }

    static func aggregates(_ r: String, _ type: ValueType) -> [String] {
        var result = ["mode(\(r))", "first(\(r))", "last(\(r))", "string_agg(\(r), \"; \")"]
        if type.isNumeric { result += ["variance(\(r))", "stddev(\(r))", "percentile(\(r), 0.5)", "percentile(\(r), 0.9)", "percentile(\(r), 0)", "percentile(\(r), 1)"] }
        return result
    }

    /// For each column of `t`: one select of every expression, and its
    /// aggregates without and with a key.
    static func pipelines(over table: Table, spark: Bool = false) -> [String] {
        var pipelines: [String] = []
        for (name, column) in zip(table.columnNames, table.columns) {
            let items = Self.expressions(name, column.type, spark: spark).enumerated().map { "e\($0.offset) = \($0.element)" }
            pipelines.append("t | select " + items.joined(separator: ", "))
            let aggregates = Self.aggregates(name, column.type).enumerated().map { "g\($0.offset) = \($0.element)" }
            pipelines.append("t | summarize " + aggregates.joined(separator: ", "))
            if let key = table.columnNames.first(where: { $0 != name }) {
                pipelines.append("t | summarize " + aggregates.joined(separator: ", ") + " by \(key)")
            }
        }
        return pipelines
    }

    @Test func everyNewFunctionAgreesWithDuckDB() throws {
        try #require(SQLEngines.executable("duckdb") != nil, "duckdb is missing: scripts/engines installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-functions-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var same = 0, bothFailed: [String] = []
        for seed in 0..<UInt64(30) {
            let (harness, _, _, relations) = try SQLDifferentialTests.world(seed: seed, folder: folder)
            guard let table = harness.tables["t"] else { continue }
            let pipelines = Self.pipelines(over: table)
            for pipeline in pipelines {
                let (outcome, sql, builtin, engine) = SQLDifferentialTests.compare(pipeline, harness, relations)
                switch outcome {
                case .same: same += 1
                case .bothFailed, .overflowOnlyInScicity: bothFailed.append(pipeline)
                case .refused(let message): Issue.record("seed \(seed): refused: \(message)\n  \(pipeline)")
                case .differ(let difference):
                    Issue.record("""
                        seed \(seed): differ: \(difference)
                          \(pipeline)
                        \(sql ?? "")
                        built-in:
                        \(SQLDifferentialTests.show(builtin))DuckDB:
                        \(SQLDifferentialTests.show(engine))data:
                        \(SQLDifferentialTests.show(.success(table)))
                        """)
                }
            }
        }
        print("functions (DuckDB): \(same) the same, \(bothFailed.count) failed on both")
        #expect(same >= 150)
        // A failure on both engines would hide every function of its pipeline.
        #expect(bothFailed.isEmpty, "failed on both: \(bothFailed.prefix(3))")
    }
}

import Foundation
import SciShell
import Testing

/// Every example of docs/LANGUAGE.md prints the same on DuckDB (and, in
/// one JVM, a sample on Spark: see SparkDifferentialTests) as on the
/// built-in engine: the tables, CSV, JSON and messages, byte for byte.
@Suite struct EngineDocumentationTests {
    static let root = DocumentationTests.docs.deletingLastPathComponent()
    static let variables: [String: String] = {
        var variables = ProcessInfo.processInfo.environment
        variables["PATH"] = root.appendingPathComponent(".build/venv/bin").path + ":" + (variables["PATH"] ?? "/usr/bin:/bin")
        return variables
    }()

    static let examples = DocumentationTests.examples().filter { $0.file == "LANGUAGE.md" }

    @Test(arguments: examples)
    func exampleIsTheSameOnDuckDB(_ example: DocumentationTests.Example) {
        let builtin = Transcript.of(example.code, format: .table, name: "-c", engine: .builtin, variables: Self.variables)
        let duckdb = Transcript.of(example.code, format: .table, name: "-c", engine: .duckdb, variables: Self.variables)
        // A construct DuckDB is not given (describe, sample, pivot, some
        // window functions) is refused by name, never run differently.
        if duckdb.messages.contains("cannot be compiled to DuckDB SQL") { return }
        #expect(duckdb.output == builtin.output, "\(example)")
        #expect(duckdb.messages == builtin.messages, "\(example)")
    }

    @Test func everyOutputModeIsTheSameOnDuckDB() {
        let code = """
        metrics | where unit == "亩" | summarize total = sum(value)
        events | select date, precision, entity | take 4
        metrics | summarize n = count(), total = sum(value), m = avg(value) by unit | sort n desc
        people | join left entities on affiliation == id | select people.name, entities.name, kind
        """
        for mode in ["table", "csv", "tsv", "json", "jsonl", "markdown"] {
            let builtin = Transcript.of(".mode \(mode)\n" + code, engine: .builtin, variables: Self.variables)
            let duckdb = Transcript.of(".mode \(mode)\n" + code, engine: .duckdb, variables: Self.variables)
            #expect(!builtin.output.isEmpty)
            #expect(duckdb.output == builtin.output, "mode \(mode)")
            #expect(duckdb.messages == builtin.messages, "mode \(mode)")
        }
        let excel = ".excel on\n.mode csv\n" + code
        #expect(Transcript.of(excel, engine: .duckdb, variables: Self.variables).output == Transcript.of(excel, variables: Self.variables).output)
    }
}

extension EngineDocumentationTests {
    /// The DuckDB runs above really went through duckdb: without it on
    /// PATH, the engine says what is missing.
    @Test func withoutDuckDBTheEngineSaysWhatIsMissing() {
        let transcript = Transcript.of("metrics | count", engine: .duckdb, variables: ["PATH": "/nonexistent"])
        #expect(transcript.errors == 1)
        #expect(transcript.messages.contains("--engine duckdb needs duckdb on PATH (pip install duckdb-cli)"))
    }
}

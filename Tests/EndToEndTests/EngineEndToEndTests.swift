import Foundation
import Testing

/// The real binary on DuckDB and on Spark prints what the built-in engine
/// prints, byte for byte; `--sql` prints SQL that duckdb runs to the same rows.
@Suite struct EngineEndToEndTests {
    static let venv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/venv/bin").path
    static let environment = ["PATH": venv + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    static let query = #"metrics | where unit == "亩" | summarize total = sum(value)"#

    @Test(arguments: ["duckdb", "spark"])
    func theDoneQueryPrintsTheSameOnTheEngine(_ engine: String) throws {
        let builtin = try Binary.run(["-c", Self.query, "--csv"], environment: Self.environment)
        let other = try Binary.run(["--engine", engine, "-c", Self.query, "--csv"], environment: Self.environment)
        #expect(builtin.status == 0 && other.status == 0, "\(other.errors)")
        #expect(builtin.text == "total\n231\n")
        #expect(other.text == builtin.text)
    }

    /// Decimals of 16 to 18 significant digits keep every digit on the
    /// engines (they travel as DECIMAL(38, 18)), quotients follow scicity's
    /// rule (exact within 18 digits, else 15), and a column of means too
    /// wide for one scale is a float column, as in scicity (it used to fail
    /// to read back).
    @Test(arguments: ["duckdb", "spark"])
    func exactDecimalsPrintTheSameOnTheEngine(_ engine: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wide.csv").path
        try "g,v\na,90071992547409.93\na,-12345678901234.56\nb,123456789012345.678\nb,0.001\nc,1\nc,0\nc,0\nd,100000\nd,0\nd,0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("wide.sq").path
        try """
            load "\(file)" | summarize s = sum(v), a = avg(v), m = median(v), lo = min(v) by g
            load "\(file)" | derive p = v * 1.5, q = v / 7, r = round(v, 1), t = text(v) | where g == "a" or g == "b"
            load "\(file)" | window by g sort v c = cumsum(v), mv = moving_avg(v, 2) | select g, v, c, mv
            load "\(file)" | derive r = v / 3 | summarize s = sum(r), a = avg(r), n = count(r)
            load "\(file)" | describe
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let builtin = try Binary.run(["--csv", script], environment: Self.environment)
        let other = try Binary.run(["--engine", engine, "--csv", script], environment: Self.environment)
        #expect(builtin.status == 0 && other.status == 0, "\(builtin.errors)\(other.errors)")
        #expect(builtin.text.contains("a,77726313646175.37,38863156823087.69,38863156823087.685,-12345678901234.56\n"), "\(builtin.text)")
        // The means 0.333…, 33333.3… and 61728394506172.8395 (exact) need
        // more than one 64-bit scale holds: a float column, every row's digits.
        #expect(builtin.text.contains("c,1,0.333333333333333,0,0\nd,100000,33333.3333333333,0,0\n"), "\(builtin.text)")
        #expect(other.text == builtin.text)
    }

    @Test func sqlOfALoadRunsInDuckDBToTheSameRows() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("f.csv").path
        try "k,v,d\n重庆,1.5,2022-06\n,,2023-03-27\n\"\",-2.5,\nx,0.1,2022-06-01\n重庆,3.25,2023-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        let pipeline = #"load "\#(file)" | derive w = v / 3 | summarize n = count(), s = sum(v), first = min(d), w = list(w) by k | sort n desc"#
        let sql = try Binary.run(["--sql", "duckdb", "-c", pipeline], environment: Self.environment)
        #expect(sql.status == 0, "\(sql.errors)")
        let duckdb = try Binary.shell("duckdb -csv -nullvalue '' -c \"$SQL\"", environment: Self.environment.merging(["SQL": sql.text]) { $1 })
        let builtin = try Binary.run(["-c", pipeline, "--csv"], environment: Self.environment)
        // The same rows; the two CSV writers quote differently (DuckDB quotes
        // Chinese and writes empty text bare, and null is blank by -nullvalue).
        func unquoted(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "") }
        #expect(unquoted(duckdb.text) == unquoted(builtin.text), "\(duckdb.errors)")
        #expect(builtin.text.contains("x,1,0.1,2022-06-01,0.0333333333333333\n"))
    }

    /// A file whose row 50,000 (past the first rows the types are planned
    /// from) turns a column of integers into text: DuckDB's reader stops
    /// there (Spark's too); scicity reads the file whole, plans again and
    /// reruns (on Spark in the same JVM), so the rows are the built-in engine's.
    @Test(arguments: ["duckdb", "spark"])
    func aFileWhoseLateRowChangesAType(_ engine: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("late.csv").path
        var text = "id,kind,amount,note\n"
        for i in 1..<50_000 { text += "\(i),\(i % 7),\(i % 3).5,第\(i)行 row \(i)\n" }
        text += "50000,x7,2.5,最后\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > (1 << 20), "the changed row must lie past the rows the types are planned from")
        let pipeline = #"load "\#(file)" | summarize n = count(), s = sum(amount) by kind | sort kind desc | take 2"#
        let builtin = try Binary.run(["-c", pipeline, "--csv"], environment: Self.environment)
        let other = try Binary.run(["--engine", engine, "-c", pipeline, "--csv"], environment: Self.environment)
        #expect(builtin.text == "kind,n,s\nx7,1,2.5\n6,7142,10712\n", "\(builtin.errors)")
        #expect(other.status == 0 && other.text == builtin.text, "\(other.errors)")
    }

    /// A script of several pipelines on Spark starts one spark-sql (Spark's
    /// JVM takes most of a run to start), not one per pipeline; a failing
    /// pipeline reports at its own line and, with --keep-going, the others
    /// run and print what the built-in engine prints.
    @Test func aScriptRunsInOneSparkProcess() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let starts = folder.appendingPathComponent("starts").path
        let wrapper = folder.appendingPathComponent("spark-sql").path
        try "#!/bin/sh\necho started >> '\(starts)'\nexec '\(Self.venv)/spark-sql' \"$@\"\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let script = folder.appendingPathComponent("three.sci").path
        try """
            metrics | where unit == "亩" | summarize total = sum(value);
            metrics | derive d = @2023-01-01 + 999999999 | select d;
            let units = metrics | summarize n = count() by unit;
            units | sort n desc, unit | take 2;
            metrics | where value is null | select unit;

            """.write(toFile: script, atomically: true, encoding: .utf8)
        let builtin = try Binary.run(["--keep-going", "--csv", script], environment: Self.environment)
        let spark = try Binary.run(["--engine", "spark", "--keep-going", "--csv", script], environment: Self.environment.merging(["SCICITY_SPARK_SQL": wrapper]) { $1 })
        #expect(builtin.text.hasPrefix("total\n231\nunit,n\n"))
        #expect(spark.text == builtin.text, "\(spark.errors)")
        #expect(spark.status == 1 && spark.errors.contains("three.sci:2:") && spark.errors.contains("date out of range"), "\(spark.errors)")
        #expect(!spark.errors.contains("three.sci:1:") && !spark.errors.contains("three.sci:4:"), "\(spark.errors)")
        #expect(try String(contentsOfFile: starts, encoding: .utf8) == "started\n")
    }

    /// A file of one column, whose empty lines are null rows, on Spark
    /// (whose CSV reader skips empty lines): scicity hands it a numbered copy.
    @Test func aOneColumnFileWithNullRowsOnSpark() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("one.csv").path
        try "v\n3\n\n1\n\n".write(toFile: file, atomically: true, encoding: .utf8)
        let pipeline = #"load "\#(file)" | derive n = v is null | sort v desc"#
        let builtin = try Binary.run(["-c", pipeline, "--csv"], environment: Self.environment)
        let spark = try Binary.run(["--engine", "spark", "-c", pipeline, "--csv"], environment: Self.environment)
        #expect(builtin.text == "v,n\n3,false\n1,false\n,true\n,true\n")
        #expect(spark.text == builtin.text, "\(spark.errors)")
    }

    /// DuckDB reads CSV itself; a JSON file scicity reads and hands over.
    @Test func aJSONFileOnDuckDB() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rows.json").path
        try #"[{"k": "重庆", "v": 2}, {"k": "", "v": null}, {"k": "重庆", "v": 5}]"#.write(toFile: file, atomically: true, encoding: .utf8)
        let pipeline = #"load "\#(file)" | summarize n = count(), s = sum(v) by k"#
        let builtin = try Binary.run(["-c", pipeline, "--csv"], environment: Self.environment)
        let duckdb = try Binary.run(["--engine", "duckdb", "-c", pipeline, "--csv"], environment: Self.environment)
        #expect(builtin.text == "k,n,s\n重庆,2,7\n\"\",1,\n")
        #expect(duckdb.text == builtin.text, "\(duckdb.errors)")
    }
}

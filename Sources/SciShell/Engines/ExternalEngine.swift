#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL

/// Which engine runs pipelines: scicity's own, or DuckDB or Spark through
/// the SQL the plan compiles to.
public enum EngineChoice: String, Sendable, CaseIterable {
    case builtin, duckdb, spark

    var dialect: SQLDialect? {
        switch self {
        case .builtin: return nil
        case .duckdb: return .duckdb
        case .spark: return .spark
        }
    }
}

/// Runs a plan on DuckDB (its CLI) or Spark (`spark-sql`): the session's
/// tables the plan reads are written to temporary CSV files, the plan is
/// compiled to SQL over them (and over the files it loads), the engine
/// writes the rows as CSV, and they are read back with the plan's types,
/// so they print exactly as the built-in engine's do.
struct ExternalEngine {
    var choice: EngineChoice
    var variables: [String: String]
    /// Spark's master: `--master`, else $SPARK_MASTER, else local.
    var sparkMaster: String?
    /// The session's spark-sql, started at its first pipeline on Spark.
    var spark = SparkConnection()
    var isInterrupted: @Sendable () -> Bool = { false }

    func run(_ plan: Plan, catalog: any Catalog, tables: [String: Table]) throws -> Table {
        guard let dialect = choice.dialect else { return try PlanExecutor(catalog: catalog).run(plan) }
        let directory = try Self.temporaryDirectory(variables["TMPDIR"])
        defer { Self.remove(directory) }
        var relations: [String: SQLRelation] = [:]
        for (index, name) in Self.tablesRead(by: plan).enumerated() {
            guard let table = tables[name] else { continue }
            let path = "\(directory)/table\(index).csv"
            try FileSystem.writeAtomically(path) { write in
                try TableWriter.write(Self.numbered(table), options: OutputOptions(format: .csv, headers: true, excel: false), to: write)
            }
            relations[name] = .numberedFile(path: path)
        }
        // A file the engine's CSV reader cannot read as scicity does is read
        // by scicity and handed over as a numbered copy: JSON (and standard
        // input), and on Spark a file of one column (its CSV reader skips
        // empty lines, which in such a file are rows whose value is null).
        do {
            for (index, (path, range)) in Self.filesLoaded(by: plan).enumerated() {
                let lower = path.lowercased()
                let delimited = [".csv", ".tsv", ".txt", ".tab"].contains { lower.hasSuffix($0) }
                let columnCount = try catalog.schema(ofFile: path, at: range).columns.count
                let oneColumn = choice == .spark && columnCount == 1
                guard !delimited || oneColumn else { continue }
                let copy = "\(directory)/file\(index).csv"
                let table = try catalog.load(path: path, columns: nil, at: range)
                try FileSystem.writeAtomically(copy) { write in
                    try TableWriter.write(Self.numbered(table), options: OutputOptions(format: .csv, headers: true, excel: false), to: write)
                }
                relations[SQLCompiler.fileKey(path)] = .numberedFile(path: copy)
            }
        }
        var compiler = SQLCompiler(dialect: dialect, catalog: catalog, relations: relations)
        compiler.fileViewPrefix = "scicity_file_\(UInt32.random(in: 0...UInt32.max))_"
        let query = try compiler.compile(plan)
        let names = (0..<query.outputs.count).map { "c\($0)" }
        let output = "\(directory)/rows.csv"
        let script = "\(directory)/query.sql"
        let rows: [UInt8]
        switch choice {
        case .duckdb:
            let select = query.with + "SELECT " + zip(query.outputs, names).map { "\($0) AS \($1)" }.joined(separator: ", ") + " FROM \(query.from) ORDER BY _o"
            let text = (query.setup.map { $0 + ";\n" }.joined()) + "COPY (\(select)) TO \(dialect.string(output)) (FORMAT csv, HEADER true);\n"
            try write(text, to: script)
            try invoke(tool: "duckdb", override: "SCICITY_DUCKDB", arguments: ["-bail", ":memory:"], stdin: script, directory: directory, range: plan.range)
            rows = try FileSystem.read(output)
        default:
            let fields = zip(query.outputs, names).map { "\(dialect.string($1)), \($0)" }.joined(separator: ", ")
            // A row of one null is an empty line (to_csv gives null for it).
            let select = query.with + "SELECT CAST(_o AS BIGINT) AS _r, coalesce(to_csv(named_struct(\(fields)), map('escape', '\"', 'nullValue', '', 'emptyValue', '\"\"')), '') AS _line FROM \(query.from)"
            let master = sparkMaster ?? variables["SPARK_MASTER"] ?? "local[*]"
            guard let executable = Subprocess.find(variables["SCICITY_SPARK_SQL"] ?? "spark-sql", path: variables["PATH"]) else {
                throw Diagnostic(message: "--engine spark needs spark-sql on PATH (pip install pyspark, and a Java runtime)", range: plan.range)
            }
            let reply: SparkProcess.Reply
            do {
                reply = try spark.run(query.setup + [select], executable: executable, master: master, environment: variables,
                                      temporary: variables["TMPDIR"], isInterrupted: isInterrupted)
            } catch let failed as SparkProcess.StatementFailed {
                throw Diagnostic(message: "spark failed: \(failed.message)", range: plan.range)
            } catch let diagnostic as Diagnostic where diagnostic.range == nil {
                throw Diagnostic(message: diagnostic.message, range: plan.range)
            }
            rows = Array((names.joined(separator: ",") + "\n").utf8) + reply.rows
        }
        return try Self.table(rows, plan: plan)
    }

    /// spark-sql quiet, its warehouse and metastore in `directory` (not
    /// the working directory), and Spark's own settings for scicity's meaning.
    static func sparkArguments(master: String, directory: String) -> [String] {
        ["-S", "--master", master,
         "--conf", "spark.sql.warehouse.dir=\(directory)/warehouse",
         "--conf", "spark.ui.enabled=false",
         "--conf", "spark.sql.ansi.enabled=true",
         "--conf", "spark.sql.session.timeZone=UTC",
         "--driver-java-options", "-Dderby.system.home=\(directory)/derby"]
    }

    /// The engine's CSV read back with the types of the plan.
    static func table(_ bytes: [UInt8], plan: Plan) throws -> Table {
        var forced: [String: ValueType] = [:]
        for (index, column) in plan.schema.columns.enumerated() where column.type != .null {
            // Decimals are read as text and given their column's scale here.
            forced["c\(index)"] = column.type == .decimal ? .string : column.type
        }
        let (read, _) = try CSVReader(fileName: "the engine's result", options: CSVReader.Options(delimiter: 44, forcedTypes: forced)).read(bytes)
        var columns: [Column] = []
        for (index, column) in plan.schema.columns.enumerated() {
            guard let found = read.column(named: "c\(index)") else {
                throw Diagnostic(message: "internal error: the engine gave no column \(index)", range: plan.range)
            }
            switch column.type {
            case .null: columns.append(Column(.null(count: read.rowCount)))
            case .decimal:
                do {
                    columns.append(try EngineDecimals.column(found.conformed(to: .string), name: plan.schema.fields[index].name))
                } catch let diagnostic as Diagnostic where diagnostic.range == nil {
                    throw Diagnostic(message: diagnostic.message, range: plan.range)
                }
            default: columns.append(found.conformed(to: column.type))
            }
        }
        return Table(fields: plan.schema.fields, columns: columns, rowCount: read.rowCount)
    }

    func invoke(tool: String, override: String, arguments: [String], stdin: String, directory: String, range: SourceRange) throws {
        let name = variables[override] ?? tool
        guard let executable = Subprocess.find(name, path: variables["PATH"]) else {
            let hint = tool == "duckdb" ? "pip install duckdb-cli" : "pip install pyspark, and a Java runtime"
            throw Diagnostic(message: "--engine \(choice.rawValue) needs \(tool) on PATH (\(hint))", range: range)
        }
        let stdout = "\(directory)/stdout", stderr = "\(directory)/stderr"
        let status: Int32
        do {
            status = try Subprocess.run(executable, arguments, environment: variables, stdin: stdin, stdout: stdout, stderr: stderr)
        } catch let failed as Subprocess.Failed {
            throw Diagnostic(message: failed.message, range: range)
        }
        let errors = (try? FileSystem.read(stderr)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let printed = (try? FileSystem.read(stdout)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if status != 0 || (choice == .duckdb && errors.contains("Error")) {
            throw Diagnostic(message: "\(choice.rawValue) failed: \(Self.gist(errors + printed))", range: range)
        }
    }

    /// The lines of an engine's complaint that say what went wrong.
    static func gist(_ text: String) -> String {
        let lines = text.split(separator: "\n").map(String.init)
        let telling = lines.filter { $0.contains("Error") || $0.contains("Exception") || $0.contains("error") }
        let chosen = (telling.isEmpty ? lines : telling).prefix(3)
        return chosen.joined(separator: " ").trimmingCharacters(of: " \t")
    }

    func write(_ text: String, to path: String) throws {
        try FileSystem.writeAtomically(path) { write in try write(Array(text.utf8)[...]) }
    }

    /// The table with its row numbers (from 1) as a first column.
    static func numbered(_ table: Table) -> Table {
        let numbers = Column(.integer((0..<table.rowCount).map { Int64($0) + 1 }))
        return Table(fields: [Table.Field(name: "scicity_row", origin: nil)] + table.fields, columns: [numbers] + table.columns, rowCount: table.rowCount)
    }

    /// The files a plan loads, each once, in order.
    static func filesLoaded(by plan: Plan) -> [(String, SourceRange)] {
        var files: [(String, SourceRange)] = []
        func walk(_ plan: Plan) {
            if case .load(let path, _) = plan.node, !files.contains(where: { $0.0 == path }) { files.append((path, plan.range)) }
            plan.inputs.forEach(walk)
        }
        walk(plan)
        return files
    }

    /// The session tables a plan reads, each once, in order.
    static func tablesRead(by plan: Plan) -> [String] {
        var names: [String] = []
        func walk(_ plan: Plan) {
            if case .table(let name, _) = plan.node, !names.contains(name) { names.append(name) }
            plan.inputs.forEach(walk)
        }
        walk(plan)
        return names
    }

    static func temporaryDirectory(_ base: String?) throws -> String {
        var template = Array("\(base ?? "/tmp")/scicity-engine-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw Diagnostic(message: "cannot make a temporary directory: \(FileSystem.errorText(errno))") }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func remove(_ directory: String) {
        for name in FileSystem.list(directory) {
            let path = "\(directory)/\(name)"
            if FileSystem.isDirectory(path) { remove(path) } else { unlink(path) }
        }
        rmdir(directory)
    }
}

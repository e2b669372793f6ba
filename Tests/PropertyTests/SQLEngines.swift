import Foundation
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL

/// The SQL engines the differential tests run: found in the virtual
/// environment scripts/engines makes under .build, or on PATH.
enum SQLEngines {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let venvBin = packageRoot.appendingPathComponent(".build/venv/bin")

    static func executable(_ name: String) -> String? {
        let inVenv = venvBin.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: inVenv) { return inVenv }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program; its standard output, error and exit status.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (out: Data, err: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["PATH"] = venvBin.path + ":" + (variables["PATH"] ?? "/usr/bin:/bin")
        for (key, value) in environment ?? [:] { variables[key] = value }
        process.environment = variables
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-run-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try Data(contentsOf: outURL), String(decoding: try Data(contentsOf: errURL), as: UTF8.self), process.terminationStatus)
    }

    /// Rows an engine gave as JSON objects, made a table with the plan's types.
    static func table(json rows: [[String: Any]], schema: Schema) throws -> Table {
        var columns: [Column] = []
        for column in schema.columns {
            var builder = ColumnBuilder()
            for row in rows {
                _ = builder.append(try value(row[column.name], column.type, column.name))
            }
            let built = builder.build(count: rows.count)
            columns.append(column.type == .null ? Column(.null(count: rows.count)) : built.conformed(to: column.type))
        }
        return Table(fields: schema.fields, columns: columns, rowCount: rows.count)
    }

    /// Rows an engine gave, read by scicity's JSON reader, made a table with the plan's types.
    static func table(read: Table, schema: Schema) throws -> Table {
        let rowCount = read.columns.isEmpty ? 0 : read.rowCount
        var columns: [Column] = []
        for column in schema.columns {
            var builder = ColumnBuilder()
            let found = read.column(named: column.name)
            if found == nil, rowCount > 0 { throw Unreadable(description: "no column \(column.name)") }
            if column.type == .decimal {
                // Each row's digits, the column narrowed as scicity reads an engine's decimals back.
                let texts = (0..<rowCount).map { row -> String? in
                    let value = found?[row] ?? .null
                    if case .string(let text) = value { return text }
                    return exact(value)?.description
                }
                columns.append(try EngineDecimals.column(texts, name: column.name))
                continue
            }
            for row in 0..<rowCount {
                let value = found?[row] ?? .null
                let converted: Value
                switch (column.type, value) {
                case (_, .null): converted = .null
                case (.decimal, _): converted = exact(value).map(Value.decimal) ?? .null
                case (.float, _): converted = value.asDouble.map(Value.float) ?? .null
                case (.integer, .decimal(let d)): converted = d.rescaled(to: 0).flatMap { $0 == d ? Value.integer($0.units) : nil } ?? .null
                case (.integer, .float(let d)): converted = Int64(exactly: d).map(Value.integer) ?? .null
                // SQLite keeps booleans as 1 and 0.
                case (.bool, .integer(let i)): converted = .bool(i != 0)
                case (.string, _): converted = .string(value.description)
                case (.date, .string(let text)): converted = DateValue.parse(text).map(Value.date) ?? .null
                case (.timestamp, .string(let text)): converted = TimestampValue.parse(text).map(Value.timestamp) ?? .null
                default: converted = value
                }
                _ = builder.append(converted)
            }
            let built = builder.build(count: rowCount)
            columns.append(column.type == .null ? Column(.null(count: rowCount)) : built.conformed(to: column.type))
        }
        return Table(fields: schema.fields, columns: columns, rowCount: rowCount)
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// An engine's number as an exact decimal: a DOUBLE the engine printed
    /// (the shortest text that reads back as it) taken at its digits.
    static func exact(_ value: Value) -> ExactDecimal? {
        switch value {
        case .integer(let i): return ExactDecimal(i)
        case .decimal(let d): return d
        case .float(let d):
            guard let plain = Decimal(string: "\(d)") else { return nil }
            return ExactDecimal(parsing: "\(plain)")
        case .string(let text): return ExactDecimal(parsing: text)
        default: return nil
        }
    }

    static func value(_ any: Any?, _ type: ValueType, _ name: String) throws -> Value {
        guard let any, !(any is NSNull) else { return .null }
        switch type {
        case .integer:
            if let text = any as? String, let i = Int64(text) { return .integer(i) }
            guard let number = any as? NSNumber else { throw Unreadable(description: "\(name): \(any) is not an integer") }
            return .integer(number.int64Value)
        case .decimal:
            if let text = any as? String, let d = ExactDecimal(parsing: text) { return .decimal(d) }
            guard let number = any as? NSNumber, let d = exact(.float(number.doubleValue)) else { throw Unreadable(description: "\(name): \(any) is not a number") }
            return .decimal(d)
        case .float:
            if let text = any as? String, let d = Double(text) { return .float(d) }
            guard let number = any as? NSNumber else { throw Unreadable(description: "\(name): \(any) is not a number") }
            return .float(number.doubleValue)
        case .bool:
            if let text = any as? String { return .bool(text == "true") }
            guard let number = any as? NSNumber else { throw Unreadable(description: "\(name): \(any) is not true/false") }
            return .bool(number.boolValue)
        case .string:
            guard let text = any as? String else { throw Unreadable(description: "\(name): \(any) is not text") }
            return .string(text)
        case .date:
            guard let text = any as? String, let date = DateValue.parse(text) else { throw Unreadable(description: "\(name): \(any) is not a date") }
            return .date(date)
        case .timestamp:
            guard let text = any as? String, let t = TimestampValue.parse(text) else { throw Unreadable(description: "\(name): \(any) is not a timestamp") }
            return .timestamp(t)
        case .null:
            return .null
        }
    }

    /// `duckdb -json -c SQL`, exactly the SQL `--sql duckdb` prints.
    static func duckdb(_ sql: String, schema: Schema) -> Result<Table, Harness.Failure> {
        guard let duckdb = executable("duckdb") else { return .failure(Harness.Failure(message: "no duckdb: run scripts/engines")) }
        do {
            let (out, err, status) = try run(duckdb, ["-json", "-c", sql])
            if status != 0 || err.contains("Error") {
                return .failure(Harness.Failure(message: err.isEmpty ? "duckdb exited with \(status)" : err))
            }
            // scicity's JSON reader: Foundation's rounds some decimals off by one unit in the last place.
            let text = out.isEmpty ? Array("[]".utf8) : Array(out)
            return .success(try table(read: try JSONReader(fileName: "duckdb").read(text), schema: schema))
        } catch {
            return .failure(Harness.Failure(message: "\(error)"))
        }
    }
}

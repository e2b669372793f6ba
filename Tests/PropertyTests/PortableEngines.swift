import Foundation
import SciEngine
import SciIO
import SciPlan

/// SQLite (the `sqlite3` shell) and PostgreSQL (a throwaway server that
/// scripts/postgres starts under .build/pg) for the differential tests.
extension SQLEngines {
    /// The SQL that defines a table in SQLite, rows numbered in `scicity_row`:
    /// dates as text, booleans as 1 and 0, as SQLite keeps them.
    static func sqliteDefinition(_ name: String, _ table: Table) -> String {
        func type(_ t: ValueType) -> String {
            switch t {
            case .integer, .bool: return "INTEGER"
            case .decimal, .float: return "REAL"
            default: return "TEXT"
            }
        }
        func literal(_ value: Value) -> String {
            switch value {
            case .null: return "NULL"
            case .bool(let b): return b ? "1" : "0"
            case .integer(let i): return String(i)
            case .decimal(let d): return "\(d)"
            case .float(let d): return "\(d)"
            case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .date(let d): return "'\(d)'"
            case .timestamp(let t): return "'\(t)'"
            }
        }
        let columns = ["scicity_row INTEGER"] + zip(table.columnNames, table.columns).map { "\"\($0)\" \(type($1.type))" }
        var sql = "CREATE TABLE \"\(name)\" (\(columns.joined(separator: ", ")));\n"
        for row in 0..<table.rowCount {
            let values = [String(row + 1)] + table.columns.map { literal($0[row]) }
            sql += "INSERT INTO \"\(name)\" VALUES (\(values.joined(separator: ", ")));\n"
        }
        return sql
    }

    /// `sqlite3 -json` over an in-memory database holding `definitions`.
    static func sqlite(_ sql: String, definitions: String, schema: Schema) -> Result<Table, Harness.Failure> {
        guard let sqlite = executable("sqlite3") else { return .failure(Harness.Failure(message: "no sqlite3: run scripts/engines")) }
        do {
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-sqlite-\(getpid())-\(UUID().uuidString).sql")
            try Data((definitions + sql + "\n").utf8).write(to: script)
            defer { try? FileManager.default.removeItem(at: script) }
            let (out, err, status) = try run(sqlite, ["-json", "-bail", ":memory:", ".read \(script.path)"])
            if status != 0 || !err.isEmpty { return .failure(Harness.Failure(message: err.isEmpty ? "sqlite3 exited with \(status)" : err)) }
            let text = out.isEmpty ? Array("[]".utf8) : Array(out)
            return .success(try table(read: try JSONReader(fileName: "sqlite").read(text), schema: schema))
        } catch {
            return .failure(Harness.Failure(message: "\(error)"))
        }
    }

    /// The socket folder of the test server, started when it is not running.
    static let postgresSocket: String? = {
        let script = packageRoot.appendingPathComponent("scripts/postgres").path
        guard let (out, _, status) = try? run(script, ["start"]), status == 0 else { return nil }
        let folder = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return folder.isEmpty ? nil : folder
    }()

    /// `psql --csv`, read back as text and typed by the plan.
    static func postgres(_ sql: String, schema: Schema) -> Result<Table, Harness.Failure> {
        guard let psql = executable("psql"), let socket = postgresSocket else {
            return .failure(Harness.Failure(message: "no PostgreSQL: run scripts/engines and scripts/postgres start"))
        }
        do {
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-pg-\(getpid())-\(UUID().uuidString).sql")
            try Data((sql + "\n").utf8).write(to: script)
            defer { try? FileManager.default.removeItem(at: script) }
            let (out, err, status) = try run(psql, ["-h", socket, "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-P", "null=\\N", "-f", script.path])
            if status != 0 || err.contains("ERROR") { return .failure(Harness.Failure(message: err.isEmpty ? "psql exited with \(status)" : err)) }
            if out.isEmpty { return .success(try table(text: Table(fields: [], columns: [], rowCount: 0), schema: schema)) }
            let read = try CSVReader(fileName: "psql", options: CSVReader.Options(delimiter: UInt8(ascii: ","), inferTypes: false)).read(Array(out)).0
            return .success(try table(text: read, schema: schema))
        } catch {
            return .failure(Harness.Failure(message: "\(error)"))
        }
    }

    /// Rows psql printed (`\N` for null; an empty field is empty text;
    /// `t`/`f` for booleans), typed by the plan.
    static func table(text read: Table, schema: Schema) throws -> Table {
        let rowCount = read.columns.isEmpty ? 0 : read.rowCount
        var columns: [Column] = []
        for (index, column) in schema.columns.enumerated() {
            var builder = ColumnBuilder()
            for row in 0..<rowCount {
                guard index < read.columns.count else { throw Unreadable(description: "no column \(column.name)") }
                var text = ""
                if case .string(let read) = read.columns[index][row] { text = read }
                if text == "\\N" {
                    _ = builder.append(.null)
                    continue
                }
                let value: Value
                switch column.type {
                case .integer: value = Int64(text).map(Value.integer) ?? .null
                case .decimal: value = SQLEngines.exact(.string(text)).map(Value.decimal) ?? Double(text).flatMap { SQLEngines.exact(.float($0)) }.map(Value.decimal) ?? .null
                case .float: value = Double(text).map(Value.float) ?? .null
                case .bool: value = .bool(text == "t" || text == "true")
                case .date: value = DateValue.parse(text).map(Value.date) ?? .null
                case .timestamp: value = TimestampValue.parse(text).map(Value.timestamp) ?? .null
                case .string:
                    _ = builder.append(.string(text))
                    continue
                case .null: value = .null
                }
                if value == .null { throw Unreadable(description: "\(column.name): \(text) is not \(column.type)") }
                _ = builder.append(value)
            }
            let built = builder.build(count: rowCount)
            columns.append(column.type == .null ? Column(.null(count: rowCount)) : built.conformed(to: column.type))
        }
        return Table(fields: schema.fields, columns: columns, rowCount: rowCount)
    }
}

import SciEngine

/// JSON: an array of objects, one per row, with typed values (numbers as
/// numbers, null as null, dates as "YYYY-MM-DD" or "YYYY-MM"). JSON Lines:
/// one object per line.
struct JSONWriter {
    let lines: Bool
    var progress: ProgressMeter? = nil

    func write(_ table: Table, into buffer: inout OutputBuffer) throws {
        if lines { return try objects(table, separator: "\n", into: &buffer) }
        try buffer.append(table.rowCount == 0 ? "[]\n" : "[\n")
        try objects(table, separator: ",\n", into: &buffer)
        if table.rowCount > 0 { try buffer.append("\n]\n") }
    }

    /// One object per row, `separator` after each but the last (after the
    /// last too for JSON Lines, whose separator ends a line).
    func objects(_ table: Table, separator: String, into buffer: inout OutputBuffer) throws {
        let keys = table.columnNames.map { JSONText.quote($0) + ":" }
        for row in 0..<table.rowCount {
            if row & 0xFFF == 0xFFF { progress?.advance(0x1000) }
            var object = "{"
            for (index, column) in table.columns.enumerated() {
                if index > 0 { object += "," }
                object += keys[index]
                object += JSONText.value(column[row])
            }
            object += "}"
            if lines || row + 1 < table.rowCount { object += separator }
            try buffer.append(object)
        }
    }
}

public enum JSONText {
    public static func value(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return d.isFinite ? DecimalFormat.shortest(d) : "null"
        case .string(let s): return quote(s)
        case .date(let d): return quote(d.description)
        case .timestamp(let t): return quote(t.description)
        }
    }

    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

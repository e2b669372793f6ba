import SciEngine
import SciLanguage

/// Reads JSON written by scicity or by other tools: an array of objects, or
/// JSON Lines (one object per line). Keys become columns in order of first
/// appearance; a missing key is null. Numbers become integers or decimals,
/// strings that spell a date become dates, and a column that mixes types
/// becomes text rather than lose a value.
public struct JSONReader {
    public let fileName: String

    public init(fileName: String) {
        self.fileName = fileName
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        var parser = JSONParser(bytes: bytes, fileName: fileName)
        var rows = JSONColumns()
        try parser.rows(into: &rows)
        // Millions of values (strings among them) take long to free: not in
        // front of the prompt.
        var spent: [[Value]] = []
        defer { BackgroundRelease.release(spent, count: rows.rowCount) }
        var columns: [(String, Column)] = []
        for (number, name) in rows.names.enumerated() {
            var values = rows.values[number]
            rows.values[number] = []
            defer { spent.append(values) }
            columns.append((name, try Self.typed(&values)))
        }
        return Table(named: nil, columns: columns)
    }
}

extension JSONReader {
    /// One key's values as a column. Strings that all spell dates are dates,
    /// and all timestamps timestamps (scicity writes them so), as date() and
    /// timestamp() read them; values of types that do not mix become text.
    /// Each pass over the rows looks at Ctrl-C: a column of millions takes a
    /// good part of a second to type and build.
    static func typed(_ values: inout [Value]) throws -> Column {
        try Cancellation.check()
        var strings = 0, nonNull = 0, dates = 0, timestamps = 0
        for (row, value) in values.enumerated() {
            try Cancellation.check(row: row)
            guard !value.isNull else { continue }
            nonNull += 1
            guard case .string(let s) = value else { continue }
            strings += 1
            if dates == strings - 1, DateText.date(s) != nil { dates += 1 }
            if timestamps == strings - 1, DateText.timestamp(s) != nil { timestamps += 1 }
            if dates < strings && timestamps < strings { break }
        }
        if strings > 0, strings == nonNull, dates == strings || timestamps == strings {
            for row in values.indices {
                try Cancellation.check(row: row)
                guard case .string(let s) = values[row] else { continue }
                if dates == strings, let d = DateText.date(s) { values[row] = .date(d) } else if let t = DateText.timestamp(s) { values[row] = .timestamp(t) }
            }
        }
        if let column = try column(values) { return column }
        return try column(values.map { $0.isNull ? .null : .string($0.description) }) ?? Column(.null(count: values.count))
    }

    /// `Column.from`, looking at Ctrl-C as it goes; nil when the values'
    /// types do not mix.
    static func column(_ values: [Value]) throws -> Column? {
        var builder = ColumnBuilder()
        for (row, value) in values.enumerated() {
            try Cancellation.check(row: row)
            guard builder.append(value) else { return nil }
        }
        return builder.build(count: values.count)
    }
}

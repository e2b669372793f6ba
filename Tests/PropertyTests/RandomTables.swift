import SciEngine
import SciLanguage

/// Small random tables with what breaks engines: columns that are entirely
/// null, empty text, duplicates, Chinese, negative numbers, month dates,
/// timestamps before 1970.
enum RandomTables {
    static let names = ["a", "b", "名称", "d", "e"]
    static let types: [ValueType] = [.integer, .decimal, .string, .date, .timestamp, .bool]

    /// Text that reads back as text (nothing that spells a number, date or
    /// true/false), with the characters CSV must quote.
    static let texts = ["", "x", "y", "重庆", "科学城", "金凤实验室", "a,b", "say \"hi\"", " lead", "line\nbreak", "=1+1", "X", "尾\u{3000}", "e\u{0301}", "Z",
                        // Numbers number() reads (and one it does not), as text.
                        "1,234.5", " -12 ", "1.234,5", "3e2", "N/A", "1,23"]
    static let integers: [Int64] = [0, 1, -1, 2, 3, 7, -40, 1000, 4_611_686_018_427_387_904]
    static let decimals: [ExactDecimal] = ["0.5", "-1.25", "2.75", "0.1", "0.2", "0.001", "12345.5", "-0.5", "2.50", "-0.05"].compactMap { ExactDecimal(parsing: $0) }
    /// Decimals of 16 to 18 significant digits (past a double's 15), with
    /// small ones of the same scale: a column of them stays exact decimal,
    /// and sums of 60 rows still fit 64 bits.
    static let wideDecimals: [ExactDecimal] = ["90071992547409.93", "-12345678901234.56", "123456789012345.678", "0.01", "-0.07", "99999999999999.99"].compactMap { ExactDecimal(parsing: $0) }
    static let floats: [Double] = [0.5, 1e-3, 2.5e10, -3.75]
    static let dates: [Value] = ["2023-03-27", "2023-03-31", "2023-01", "2022-06-01"].map { text in
        DateValue.parse(text).map(Value.date) ?? .null
    }

    static let timestamps: [Value] = ["2023-03-27T10:00:00", "2023-03-31T10:33:59", "2022-12-31T23:59:59", "1969-12-31T23:00:01", "2023-03-27T00:00:00"].map { text in
        TimestampValue.parse(text).map(Value.timestamp) ?? .null
    }

    static func value(of type: ValueType, _ random: inout RandomSource) -> Value {
        switch type {
        case .integer: return .integer(random.pick(integers))
        case .decimal: return .decimal(random.pick(decimals))
        case .float: return .float(random.pick(floats))
        case .string: return .string(random.pick(texts))
        case .date: return random.pick(dates)
        case .timestamp: return random.pick(timestamps)
        case .bool: return .bool(random.chance(0.5))
        case .null: return .null
        }
    }

    /// `wideDecimals`: some decimal columns of 16 to 18 digits (PostgreSQL
    /// and SQLite hold decimals as doubles, so their suite leaves them out).
    static func table(_ random: inout RandomSource, origin: String, wideDecimals: Bool = true) -> Table {
        let rowCount = random.chance(0.2) ? Int.random(in: 30...60, using: &random) : Int.random(in: 0...8, using: &random)
        let columnCount = Int.random(in: 1...4, using: &random)
        var columns: [(String, Column)] = []
        for index in 0..<columnCount {
            let type = random.pick(types)
            let nullShare = random.chance(0.2) ? 1.0 : random.chance(0.5) ? 0.3 : 0.0
            // Few distinct values, so that keys repeat.
            var pool = (0..<Int.random(in: 1...4, using: &random)).map { _ in value(of: type, &random) }
            if wideDecimals, type == .decimal, random.chance(0.3) { pool = pool.indices.map { _ in .decimal(random.pick(Self.wideDecimals)) } }
            var builder = ColumnBuilder()
            for _ in 0..<rowCount {
                _ = builder.append(random.chance(nullShare) ? .null : random.pick(pool))
            }
            var column = builder.build(count: rowCount)
            if column.type == .null, rowCount > 0 {
                // An all-null column still has its type, as one read from a file does.
                column = typedNulls(type, rowCount)
            }
            columns.append((names[index], column))
        }
        if columnCount > 0, rowCount == 0 {
            columns = columns.map { ($0.0, typedNulls(random.pick(types), 0)) }
        }
        return Table(named: origin, columns: columns)
    }

    static func typedNulls(_ type: ValueType, _ count: Int) -> Column {
        .nulls(of: type, count: count)
    }
}

import SciLanguage

/// `+ - * / %`. Integers stay integers (an overflow is an error, not a wrap)
/// except under `/`, which gives a decimal. Integers and decimals give exact
/// decimals (see DecimalArithmetic); a float on either side gives a float,
/// and a float result beyond the double range is an error, like an integer
/// overflow. Division or remainder by zero gives null. A date minus a date
/// is a number of days; a date plus a number of days is a date. A timestamp
/// minus a timestamp is a number of seconds. `+` joins two strings.
enum Arithmetic {
    static func evaluate(_ op: BinaryOperator, _ a: Operand, _ b: Operand, range: SourceRange, rowCount: Int) throws -> Operand {
        if a.type == .null || b.type == .null {
            let allowed: Set<ValueType> = [.null, .integer, .decimal, .date, .timestamp, .string]
            guard allowed.contains(a.type), allowed.contains(b.type) else {
                throw mismatch(op, a, b, range)
            }
            return .scalar(.null)
        }
        let nulls = unionNulls(a.nulls(count: rowCount), b.nulls(count: rowCount))
        switch (a.type, b.type) {
        case (.integer, .integer) where op != .divide:
            let x = values(a, rowCount, Comparison.intSide(a))
            let y = values(b, rowCount, Comparison.intSide(b))
            var result = [Int64](repeating: 0, count: rowCount)
            var resultNulls = nulls ?? [Bool](repeating: false, count: rowCount)
            for i in 0..<rowCount where !resultNulls[i] {
                try Cancellation.check(row: i)
                let (value, overflow): (Int64, Bool)
                switch op {
                case .add: (value, overflow) = x[i].addingReportingOverflow(y[i])
                case .subtract: (value, overflow) = x[i].subtractingReportingOverflow(y[i])
                case .multiply: (value, overflow) = x[i].multipliedReportingOverflow(by: y[i])
                default:
                    if y[i] == 0 { resultNulls[i] = true; continue }
                    (value, overflow) = x[i].remainderReportingOverflow(dividingBy: y[i])
                }
                if overflow {
                    throw Diagnostic(message: "integer overflow in \(x[i]) \(op.rawValue) \(y[i])", range: range)
                }
                result[i] = value
            }
            return .column(Column(.integer(result), nulls: resultNulls))
        case (.integer, .integer) where op == .divide, (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            return .column(try DecimalArithmetic.evaluate(op, a, b, nulls: nulls, range: range, rowCount: rowCount))
        case (_, .float), (.float, _):
            // Any float operand gives a float.
            guard a.type.isNumeric, b.type.isNumeric else { throw mismatch(op, a, b, range) }
            let x = values(a, rowCount, Comparison.doubleSide(a))
            let y = values(b, rowCount, Comparison.doubleSide(b))
            var result = [Double](repeating: 0, count: rowCount)
            var resultNulls = nulls ?? [Bool](repeating: false, count: rowCount)
            for i in 0..<rowCount where !resultNulls[i] {
                try Cancellation.check(row: i)
                switch op {
                case .add: result[i] = x[i] + y[i]
                case .subtract: result[i] = x[i] - y[i]
                case .multiply: result[i] = x[i] * y[i]
                case .divide:
                    if y[i] == 0 { resultNulls[i] = true; continue }
                    result[i] = x[i] / y[i]
                default:
                    if y[i] == 0 { resultNulls[i] = true; continue }
                    result[i] = x[i].truncatingRemainder(dividingBy: y[i])
                }
                if !result[i].isFinite {
                    throw Diagnostic(message: "float overflow in \(Value.float(x[i])) \(op.rawValue) \(Value.float(y[i])): the result is beyond ±1.8e308", range: range)
                }
            }
            return .column(Column(.float(result), nulls: resultNulls))
        case (.date, .date) where op == .subtract:
            let x = values(a, rowCount, Comparison.dateSide(a))
            let y = values(b, rowCount, Comparison.dateSide(b))
            return .column(Column(.integer((0..<rowCount).map { Int64(x[$0].days) - Int64(y[$0].days) }), nulls: nulls))
        case (.date, .integer) where op == .add || op == .subtract, (.integer, .date) where op == .add:
            let (dateSide, daySide) = a.type == .date ? (a, b) : (b, a)
            let x = values(dateSide, rowCount, Comparison.dateSide(dateSide))
            let y = values(daySide, rowCount, Comparison.intSide(daySide))
            var result = [DateValue](repeating: DateValue(encoded: 0), count: rowCount)
            for i in 0..<rowCount where !(nulls?[i] ?? false) {
                try Cancellation.check(row: i)
                let (days, overflow) = op == .subtract
                    ? Int64(x[i].days).subtractingReportingOverflow(y[i])
                    : Int64(x[i].days).addingReportingOverflow(y[i])
                guard !overflow, let narrow = Int32(exactly: days), abs(narrow) < 1 << 29 else {
                    throw Diagnostic(message: "date out of range", range: range)
                }
                result[i] = DateValue(days: narrow, monthPrecision: false)
            }
            return .column(Column(.date(result), nulls: nulls))
        case (.timestamp, .timestamp) where op == .subtract:
            let x = values(a, rowCount, Comparison.timestampSide(a))
            let y = values(b, rowCount, Comparison.timestampSide(b))
            // Both within years 0000-9999: the difference fits.
            return .column(Column(.integer((0..<rowCount).map { x[$0].seconds &- y[$0].seconds }), nulls: nulls))
        case (.string, .string) where op == .add:
            let x = a.materialize(count: rowCount)
            let y = b.materialize(count: rowCount)
            var builder = CheckedColumnBuilder(range: range)
            for i in 0..<rowCount {
                _ = try builder.append((nulls?[i] ?? false) ? .null : .string(x[i].description + y[i].description))
            }
            return .column(builder.build(count: rowCount))
        default:
            throw mismatch(op, a, b, range)
        }
    }

    static func mismatch(_ op: BinaryOperator, _ a: Operand, _ b: Operand, _ range: SourceRange) -> Diagnostic {
        Diagnostic(message: "cannot apply \"\(op.rawValue)\" to \(a.type.article) and \(b.type.article)", range: range)
    }

    static func values<T>(_ operand: Operand, _ count: Int, _ side: Comparison.Side<T>) -> [T] {
        switch side {
        case .array(let v): return v
        case .scalar(let s): return [T](repeating: s, count: count)
        }
    }
}

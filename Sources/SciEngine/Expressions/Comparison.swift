import SciLanguage

/// `== != < <= > >=` over columns. Integers and decimals compare exactly;
/// against a float, as doubles; text compares by Unicode code points; a date compares with a
/// date or with a string that spells one ("2023-01-01"). Null on either side
/// gives null.
enum Comparison {
    static func compare(_ op: BinaryOperator, _ a: Operand, _ b: Operand, leftRange: SourceRange, rightRange: SourceRange, rowCount: Int) throws -> Column {
        let nulls = unionNulls(a.nulls(count: rowCount), b.nulls(count: rowCount))
        if a.type == .null || b.type == .null {
            return Column(.null(count: rowCount))
        }
        switch (a.type, b.type) {
        case (.integer, .integer):
            return Column(.bool(apply(op, intSide(a), intSide(b), rowCount)), nulls: nulls)
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            // Exactly, at the larger scale: 0.1 + 0.2 == 0.3 is true.
            let scale = max(operandScale(a), operandScale(b))
            if let x = unitSide(a, scale), let y = unitSide(b, scale) {
                return Column(.bool(apply(op, x, y, rowCount)), nulls: nulls)
            }
            return Column(.bool(apply(op, wideSide(a, scale), wideSide(b, scale), rowCount)), nulls: nulls)
        case (.float, _) where b.type.isNumeric, (_, .float) where a.type.isNumeric:
            return Column(.bool(apply(op, doubleSide(a), doubleSide(b), rowCount)), nulls: nulls)
        case (.bool, .bool):
            return Column(.bool(apply(op, boolSide(a), boolSide(b), rowCount)), nulls: nulls)
        case (.date, .date):
            return Column(.bool(apply(op, dateSide(a), dateSide(b), rowCount)), nulls: nulls)
        case (.timestamp, .timestamp):
            return Column(.bool(apply(op, timestampSide(a), timestampSide(b), rowCount)), nulls: nulls)
        case (.timestamp, .date), (.date, .timestamp):
            // A date stands for its midnight (a month date, the first's).
            return try compare(op, atMidnight(a, rowCount), atMidnight(b, rowCount), leftRange: leftRange, rightRange: rightRange, rowCount: rowCount)
        case (.date, .string):
            return try compare(op, a, try dateFromString(b, rightRange), leftRange: leftRange, rightRange: rightRange, rowCount: rowCount)
        case (.string, .date):
            return try compare(op, try dateFromString(a, leftRange), b, leftRange: leftRange, rightRange: rightRange, rowCount: rowCount)
        case (.string, .string):
            return Column(.bool(compareStrings(op, a, b, rowCount)), nulls: nulls)
        default:
            throw Diagnostic(
                message: "cannot compare \(a.type.article) with \(b.type.article)",
                range: leftRange.union(rightRange)
            )
        }
    }

    static func dateFromString(_ operand: Operand, _ range: SourceRange) throws -> Operand {
        guard case .scalar(.string(let text)) = operand, let date = DateValue.parse(text) else {
            throw Diagnostic(message: "cannot compare a date with a string; write a date as @2023-03-27", range: range)
        }
        return .scalar(.date(date))
    }

    /// A date operand as the timestamp of its midnight; others as they are.
    static func atMidnight(_ operand: Operand, _ rowCount: Int) -> Operand {
        switch operand {
        case .scalar(.date(let d)): return .scalar(.timestamp(TimestampValue(date: d)))
        case .column(let c):
            guard case .date(let v) = c.storage else { return operand }
            return .column(Column(.timestamp(v.map { TimestampValue(date: $0) }), nulls: c.nulls))
        default: return operand
        }
    }

    enum Side<T> {
        case array([T])
        case scalar(T)
    }

    static func side<T>(_ operand: Operand, _ extract: (Column) -> [T]?, scalar: (Value) -> T?) -> Side<T> {
        switch operand {
        case .column(let c): return .array(extract(c) ?? [])
        case .scalar(let v): return scalar(v).map { .scalar($0) } ?? .array([])
        }
    }

    static func intSide(_ operand: Operand) -> Side<Int64> {
        side(operand, { if case .integer(let v) = $0.storage { return v }; return nil }, scalar: { if case .integer(let i) = $0 { return i }; return nil })
    }


    static func operandScale(_ operand: Operand) -> Int {
        switch operand {
        case .column(let c): return c.scale
        case .scalar(let v): return v.asExact?.scale ?? 0
        }
    }

    /// Integers or decimals as units at `scale`, or nil when one does not fit 64 bits.
    static func unitSide(_ operand: Operand, _ scale: Int) -> Side<Int64>? {
        switch operand {
        case .column(let c): return c.decimalUnits(scale: scale).map { .array($0) }
        case .scalar(let v): return v.asExact?.rescaled(to: scale).map { .scalar($0.units) }
        }
    }

    /// The same at 128 bits, where every value fits.
    static func wideSide(_ operand: Operand, _ scale: Int) -> Side<Int128> {
        switch operand {
        case .column(let c):
            switch c.storage {
            case .integer(let v): return .array(v.map { ExactDecimal($0).wide(at: scale) })
            case .decimal(let v, let s): return .array(v.map { ExactDecimal(units: $0, scale: s).wide(at: scale) })
            default: return .array([])
            }
        case .scalar(let v): return .scalar(v.asExact?.wide(at: scale) ?? 0)
        }
    }

    static func doubleSide(_ operand: Operand) -> Side<Double> {
        side(operand, { $0.doubles }, scalar: { $0.asDouble })
    }

    static func boolSide(_ operand: Operand) -> Side<UInt8> {
        side(operand, { if case .bool(let v) = $0.storage { return v.map { $0 ? 1 : 0 } }; return nil }, scalar: { if case .bool(let b) = $0 { return b ? 1 : 0 }; return nil })
    }

    static func dateSide(_ operand: Operand) -> Side<DateValue> {
        side(operand, { if case .date(let v) = $0.storage { return v }; return nil }, scalar: { if case .date(let d) = $0 { return d }; return nil })
    }

    static func timestampSide(_ operand: Operand) -> Side<TimestampValue> {
        side(operand, { if case .timestamp(let v) = $0.storage { return v }; return nil }, scalar: { if case .timestamp(let t) = $0 { return t }; return nil })
    }

    @inline(__always)
    static func test<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    static func apply<T: Comparable>(_ op: BinaryOperator, _ a: Side<T>, _ b: Side<T>, _ count: Int) -> [Bool] {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return (0..<count).map { test(op, x[$0], y[$0]) }
        case (.array(let x), .scalar(let s)):
            switch op {
            case .equal: return x.map { $0 == s }
            case .notEqual: return x.map { $0 != s }
            case .less: return x.map { $0 < s }
            case .lessEqual: return x.map { $0 <= s }
            case .greater: return x.map { $0 > s }
            default: return x.map { $0 >= s }
            }
        case (.scalar(let s), .array(let y)):
            return y.map { test(op, s, $0) }
        case (.scalar(let s), .scalar(let t)):
            return [Bool](repeating: test(op, s, t), count: count)
        }
    }

    /// Text: against a literal, decide once per distinct string and map the
    /// codes; two columns compare row by row.
    static func compareStrings(_ op: BinaryOperator, _ a: Operand, _ b: Operand, _ count: Int) -> [Bool] {
        switch (a, b) {
        case (.column(let c), .scalar(.string(let s))):
            return compareToText(c, s) { test(op, $0, 0) }
        case (.scalar(.string(let s)), .column(let c)):
            return compareToText(c, s) { test(op, 0, $0) }
        case (.scalar(.string(let s)), .scalar(.string(let t))):
            return [Bool](repeating: test(op, Utf8Order(s), Utf8Order(t)), count: count)
        case (.column(let x), .column(let y)):
            guard case .string(let xc, let xd) = x.storage, case .string(let yc, let yd) = y.storage else { return [] }
            return xd.bytes.withUnsafeBufferPointer { xb in
                yd.bytes.withUnsafeBufferPointer { yb in
                    (0..<count).map { i in
                        let p = Int(xc[i]), q = Int(yc[i])
                        let order = StringDictionary.compareBytes(xb, xd.offsets[p], xd.offsets[p + 1], yb, yd.offsets[q], yd.offsets[q + 1])
                        return test(op, order, 0)
                    }
                }
            }
        default:
            return [Bool](repeating: false, count: count)
        }
    }

    /// `decide(order)` once per distinct string of a text column, where
    /// order is the sign of (string − text) in UTF-8 byte order: no
    /// `String` made per distinct string (a plain list has one per row).
    static func compareToText(_ column: Column, _ text: String, _ decide: (Int) -> Bool) -> [Bool] {
        guard case .string(let codes, let dictionary) = column.compacted().storage else { return [] }
        let needle = Array(text.utf8)
        var perCode = [Bool](repeating: false, count: dictionary.count)
        // On every core: a plain list has a string per row.
        try? perCode.withUnsafeMutableBufferPointer { perCode in
            try dictionary.bytes.withUnsafeBufferPointer { all in
                try dictionary.offsets.withUnsafeBufferPointer { offsets in
                    try needle.withUnsafeBufferPointer { needle in
                        try Parallel.forEach(Parallel.ranges(perCode.count)) { _, range, _ in
                            for code in range {
                                perCode[code] = decide(StringDictionary.compareBytes(all, offsets[code], offsets[code + 1], needle, 0, needle.count))
                            }
                        }
                    }
                }
            }
        }
        return perCode.withUnsafeBufferPointer { table in codes.map { table[Int($0)] } }
    }

    /// Evaluates `predicate` once per distinct string of a text column.
    static func mapDictionary<T>(_ column: Column, _ predicate: (String) throws -> T) throws -> [T] {
        guard case .string(let codes, let dictionary) = column.compacted().storage else { return [] }
        let perCode = try dictionary.mapCheckingCancellation(predicate)
        return perCode.withUnsafeBufferPointer { table in codes.map { table[Int($0)] } }
    }
}

/// Strings ordered by their UTF-8 bytes, which is Unicode code-point order
/// (Swift's own `<` on String follows canonical equivalence instead).
struct Utf8Order: Comparable {
    let text: String
    init(_ text: String) { self.text = text }

    static func < (a: Utf8Order, b: Utf8Order) -> Bool {
        a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }

    static func == (a: Utf8Order, b: Utf8Order) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }
}

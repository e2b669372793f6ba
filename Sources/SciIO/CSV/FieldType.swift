import SciLanguage
import SciEngine

/// What one field's text could be read as. Inference keeps, per column, the
/// narrowest type every non-empty field fits; a column that mixes types falls
/// back to text so that no value is lost.
enum FieldClass: UInt8 {
    case empty, integer, decimal, float, date, timestamp, bool, string
}

/// The most digits a column's numbers have before and after the point: a
/// column of decimals is exact (fixed point at `fraction` places) when the
/// two together are at most 18, and float otherwise.
struct DecimalShape: Equatable {
    var whole = 0
    var fraction = 0

    var fitsExactly: Bool { whole + fraction <= 18 && fraction <= 18 }

    mutating func merge(_ other: DecimalShape) {
        whole = max(whole, other.whole)
        fraction = max(fraction, other.fraction)
    }
}

enum FieldClassifier {
    /// Integers: an optional sign and digits, without leading zeros (so
    /// identifiers like 007 stay text) and within 64 bits. Decimals: digits,
    /// a point, digits; with an exponent (1.5e3, 1e3), floats. Dates and
    /// timestamps: what `DateText` reads without a format (2023-03-27,
    /// 2023/3/27, 2023年3月27日, 2023-03-27T10:00:00, 2023-03-27 10:00).
    /// Bools: true / false in any case.
    static func classify(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> FieldClass {
        var shape = DecimalShape()
        return classify(b, start, end, shape: &shape)
    }

    /// The same, widening `shape` by an integer's or a decimal's digits.
    static func classify(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, shape: inout DecimalShape) -> FieldClass {
        let n = end - start
        if n == 0 { return .empty }
        var i = start
        let first = b[i]
        if first == 45 || first == 43 { i += 1 }
        let digitsStart = i
        while i < end, b[i] &- 48 < 10 { i += 1 }
        let intDigits = i - digitsStart
        // Four digits then - / . or 年: perhaps a date or a timestamp. After
        // a point, only with a second point (2023.3.27): 1234.5 is a number,
        // and the date readers below go through a String.
        if intDigits == 4, i < end, digitsStart == start, b[i] == 45 || b[i] == 47 || b[i] == 0xE5 || (b[i] == 46 && secondPoint(b, i + 1, end)) {
            if ISODate.parse(b, start, end) != nil { return .date }
            let field = UnsafeBufferPointer(rebasing: b[start..<end])
            if DateText.date(utf8: field) != nil { return .date }
            if DateText.timestamp(String(decoding: field, as: UTF8.self)) != nil { return .timestamp }
            if b[i] != 46 { return .string }
        }
        if i == end {
            if intDigits == 0 { return .string }
            if intDigits > 1, b[digitsStart] == 48 { return .string }
            if intDigits > shape.whole, !(intDigits == 1 && b[digitsStart] == 48) { shape.whole = intDigits }
            if intDigits > 18 { return parseInteger(b, start, end) == nil ? .string : .integer }
            return .integer
        }
        if intDigits > 0, b[i] == 101 || b[i] == 69, !(intDigits > 1 && b[digitsStart] == 48) {
            // 1e3, 2E-5: a float.
            i += 1
            if i < end, b[i] == 45 || b[i] == 43 { i += 1 }
            let expStart = i
            while i < end, b[i] &- 48 < 10 { i += 1 }
            return i == expStart || i != end ? .string : .float
        }
        if intDigits > 0, b[i] == 46 {
            if intDigits > 1, b[digitsStart] == 48 { return .string }
            i += 1
            let fractionStart = i
            while i < end, b[i] &- 48 < 10 { i += 1 }
            if i == fractionStart { return .string }
            let fractionDigits = i - fractionStart
            if i < end, b[i] == 101 || b[i] == 69 {
                i += 1
                if i < end, b[i] == 45 || b[i] == 43 { i += 1 }
                let expStart = i
                while i < end, b[i] &- 48 < 10 { i += 1 }
                if i == expStart { return .string }
                return i == end ? .float : .string
            }
            guard i == end else { return .string }
            let whole = intDigits == 1 && b[digitsStart] == 48 ? 0 : intDigits
            if whole > shape.whole { shape.whole = whole }
            if fractionDigits > shape.fraction { shape.fraction = fractionDigits }
            return .decimal
        }
        if n == 4 || n == 5 {
            let lower = (start..<end).map { b[$0] | 0x20 }
            if lower == Array("true".utf8) || lower == Array("false".utf8) { return .bool }
        }
        return .string
    }

    /// Whether digits from `start` are followed by a point.
    @inline(__always)
    static func secondPoint(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var j = start
        while j < end, b[j] &- 48 < 10 { j += 1 }
        return j < end && b[j] == 46
    }

    static func combine(_ a: FieldClass, _ b: FieldClass) -> FieldClass {
        if a == b || b == .empty { return a }
        if a == .empty { return b }
        let numbers: Set<FieldClass> = [.integer, .decimal, .float]
        if numbers.contains(a), numbers.contains(b) { return a == .float || b == .float ? .float : .decimal }
        return .string
    }

    static func parseInteger(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        var negative = false
        if b[i] == 45 { negative = true; i += 1 } else if b[i] == 43 { i += 1 }
        var value: Int64 = 0
        while i < end {
            let d = Int64(b[i] &- 48)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// Decimal text (digits, an optional point and digits, no exponent) as
    /// units at `scale`; nil when it has more places than `scale` or does
    /// not fit 64 bits.
    @inline(__always)
    static func parseUnits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, scale: Int) -> Int64? {
        var i = start
        var negative = false
        if b[i] == 45 { negative = true; i += 1 } else if b[i] == 43 { i += 1 }
        var units: Int64 = 0
        var places = -1
        var digits = 0
        while i < end {
            let c = b[i]
            if c == 46, places < 0 {
                places = 0
            } else {
                let d = c &- 48
                if d >= 10 { return nil }
                if digits >= 18 {
                    let (m, o1) = units.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(d))
                    if o1 || o2 { return nil }
                    units = a
                } else {
                    units = units &* 10 &+ Int64(d)
                }
                digits += 1
                if places >= 0 { places += 1 }
            }
            i += 1
        }
        let have = max(places, 0)
        guard digits > 0, have <= scale else { return nil }
        if have < scale {
            let (m, overflow) = units.multipliedReportingOverflow(by: ExactDecimal.powers[scale - have])
            if overflow { return nil }
            units = m
        }
        return negative ? -units : units
    }

    static let powersOfTen: [Double] = (0...22).map { Functions_pow10($0) }

    /// Decimal text to a double. Exact for up to 15 digits and small
    /// exponents by the Clinger fast path; otherwise the standard library.
    static func parseDecimal(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var i = start
        var negative = false
        if b[i] == 45 { negative = true; i += 1 } else if b[i] == 43 { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        while i < end {
            let c = b[i]
            if c == 46 { seenPoint = true; i += 1; continue }
            if c &- 48 >= 10 { break }
            if digits < 19 {
                mantissa = mantissa * 10 + UInt64(c &- 48)
                if mantissa != 0 { digits += 1 }
                if seenPoint { scale += 1 }
            } else if !seenPoint {
                scale -= 1
            }
            i += 1
        }
        if i == end, digits <= 15, scale <= 22 {
            let value = Double(mantissa) / powersOfTen[scale]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return Double(text) ?? .nan
    }
}

private func Functions_pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<n { result *= 10 }
    return result
}

/// A decimal held exactly: `units / 10^scale`, as DuckDB's DECIMAL(18, s)
/// holds one in a 64-bit integer. `0.1 + 0.2` is then exactly `0.3`, and a
/// sum of prices is exact to the cent. Equal values compare equal whatever
/// their scales (`2.50 == 2.5`) and hash alike; they print without trailing
/// zeros (`2.5`), so one value reads the same in every output format.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var units: Int64
    /// Digits after the point, 0 through `maxScale`.
    public var scale: Int

    public static let maxScale = 18
    /// 10^0 through 10^18: every power of ten an Int64 holds.
    public static let powers: [Int64] = {
        var result: [Int64] = [1]
        for _ in 1...18 { result.append(result[result.count - 1] * 10) }
        return result
    }()

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    public init(_ integer: Int64) {
        self.init(units: integer, scale: 0)
    }

    /// Text of the form `-12.50` (a sign, digits, at most one point, no
    /// exponent) as an exact decimal, or nil when it is not one or its
    /// digits do not fit (more than 18 after the point, or beyond 64 bits).
    public init?(parsing text: some StringProtocol) {
        var copy = String(text)
        guard let value = copy.withUTF8({ Self(utf8: $0) }) else { return nil }
        self = value
    }

    /// The same, read from UTF-8 bytes (a file's field, with no String made).
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var units: Int64 = 0
        var scale = 0
        var negative = false
        var digits = 0
        var seenPoint = false
        var index = 0
        if index < bytes.count, bytes[index] == 45 || bytes[index] == 43 {
            negative = bytes[index] == 45
            index += 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 46, !seenPoint {
                seenPoint = true
            } else if byte &- 48 < 10 {
                let (m, o1) = units.multipliedReportingOverflow(by: 10)
                let d = Int64(byte &- 48)
                let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                if o1 || o2 { return nil }
                units = s
                digits += 1
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, scale <= Self.maxScale, units != .min else { return nil }
        self.init(units: units, scale: scale)
    }

    /// Text with an optional exponent (`1.5e-3`, `2E5`) as an exact decimal,
    /// when its digits fit: for numbers an engine printed in its own way.
    public init?(parsingScientific text: some StringProtocol) {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            self.init(parsing: text)
            return
        }
        guard let mantissa = ExactDecimal(parsing: text[..<e]), let exponent = Int(text[text.index(after: e)...]),
              abs(exponent) <= 40 else { return nil }
        let scale = mantissa.scale - exponent
        if scale >= 0 {
            guard scale <= Self.maxScale else {
                // Drop trailing zeros of the mantissa first (1.0e-18).
                let n = mantissa.normalized
                guard n.scale - exponent <= Self.maxScale, n.scale - exponent >= 0 else { return nil }
                self.init(units: n.units, scale: n.scale - exponent)
                return
            }
            self.init(units: mantissa.units, scale: scale)
        } else {
            guard -scale <= 18 else { return nil }
            let (units, overflow) = mantissa.units.multipliedReportingOverflow(by: Self.powers[-scale])
            guard !overflow, units != .min else { return nil }
            self.init(units: units, scale: 0)
        }
    }

    /// The nearest double (correctly rounded while the units fit 53 bits).
    public var double: Double {
        if scale == 0 { return Double(units) }
        if units.magnitude < 1 << 53 { return Double(units) / Self.doublePowers[scale] }
        return Double(description) ?? Double(units) / Self.doublePowers[scale]
    }

    static let doublePowers: [Double] = powers.map(Double.init)

    /// The same value at another scale: exact when `newScale` is larger (nil
    /// when it no longer fits 64 bits), rounded half away from zero when smaller.
    public func rescaled(to newScale: Int) -> ExactDecimal? {
        if newScale == scale { return self }
        if newScale > scale {
            let (value, overflow) = units.multipliedReportingOverflow(by: Self.powers[newScale - scale])
            return overflow ? nil : ExactDecimal(units: value, scale: newScale)
        }
        return ExactDecimal(units: Self.divideRounding(Int128(units), by: Int128(Self.powers[scale - newScale])), scale: newScale)
    }

    /// `a / b` rounded half away from zero (b > 0); the result fits 64 bits
    /// when the caller's bounds say so.
    public static func divideRounding(_ a: Int128, by b: Int128) -> Int64 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        var result = q
        if r.magnitude * 2 >= b.magnitude { result += a < 0 ? -1 : 1 }
        return Int64(truncatingIfNeeded: result)
    }

    /// The units at a scale, as a 128-bit integer (never overflows for
    /// scales up to 18 beyond the value's own).
    public func wide(at newScale: Int) -> Int128 {
        newScale >= scale ? Int128(units) * Int128(Self.powers[newScale - scale]) : Int128(units) / Int128(Self.powers[scale - newScale])
    }

    /// The value with no trailing zeros after the point.
    public var normalized: ExactDecimal {
        var result = self
        while result.scale > 0, result.units % 10 == 0 {
            result.units /= 10
            result.scale -= 1
        }
        return result
    }

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.wide(at: s) == b.wide(at: s)
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.wide(at: s) < b.wide(at: s)
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.units)
        hasher.combine(n.scale)
    }

    /// Every digit, no exponent, no trailing zeros: `0.3`, `-1.25`, `2`.
    public var description: String {
        let n = normalized
        if n.scale == 0 { return String(n.units) }
        let magnitude = String(n.units.magnitude)
        let padded = magnitude.count <= n.scale ? String(repeating: "0", count: n.scale - magnitude.count + 1) + magnitude : magnitude
        let point = padded.index(padded.endIndex, offsetBy: -n.scale)
        return (n.units < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
    }

    /// Digits after the point in `text` (a plain decimal spelling).
    public static func scale(of text: some StringProtocol) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }
}

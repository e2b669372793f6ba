import SciLanguage

/// An engine's decimal column read back as scicity holds one. The engine
/// gives each row's value (a quotient already at the digits scicity's rule
/// gives that row); the column then takes the places of its longest value,
/// or becomes a float where one scale cannot hold every row in 64 bits — as
/// the built-in engine makes such a column of quotients, a `case` or a
/// file's column (DecimalMeans.column) — so a column of means 0.333… and
/// 12345.5 reads back as it prints in scicity instead of failing.
public enum EngineDecimals {
    /// `texts`: the column read as text; `name`: the column, for errors.
    public static func column(_ texts: Column, name: String) throws -> Column {
        try column((0..<texts.count).map { row in
            if case .string(let text) = texts[row] { return text }
            return nil
        }, name: name)
    }

    /// Each row's text, nil for null.
    public static func column(_ texts: [String?], name: String) throws -> Column {
        var values = [Int128](repeating: 0, count: texts.count)
        var scales = [Int](repeating: 0, count: texts.count)
        var nulls = [Bool](repeating: false, count: texts.count)
        for row in 0..<texts.count {
            guard let text = texts[row] else { nulls[row] = true; continue }
            guard let (units, scale) = parse(text) else {
                throw Diagnostic(message: "the engine's result: column \"\(name)\" should hold decimals, but row \(row + 1) holds \"\(text)\"")
            }
            // More than 18 digits: a total or mean that scicity computes
            // with doubles (the column it adds was a float), rounded to the
            // 15 significant digits it shows those with.
            (values[row], scales[row]) = DecimalArithmetic.fitting(units) == nil ? shown(units, scale) : (units, scale)
        }
        return try DecimalMeans.column(values: values, scales: scales, nulls: nulls)
    }

    /// `units` at `scale` rounded half away from zero to 15 significant
    /// digits (fewer places, or tens for a long whole part: scale 0).
    static func shown(_ units: Int128, _ scale: Int) -> (Int128, Int) {
        let digits = String(units.magnitude).count
        let drop = digits - 15
        guard drop > 0 else { return (units, scale) }
        let rounded = DecimalMeans.rounding(units, DecimalMeans.power(drop))
        if drop <= scale { return (rounded, scale - drop) }
        return (rounded * DecimalMeans.power(drop - scale), 0)
    }

    /// Plain decimal text (`-12.50`, at most 38 digits) as units and places,
    /// trailing zeros of the fraction dropped; an exponent (`1e-05`) through
    /// ExactDecimal.
    public static func parse(_ text: String) -> (Int128, Int)? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var scale = 0
        var sawPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte >= 48, byte <= 57 {
                digits.append(byte - 48)
                if sawPoint { scale += 1 }
            } else {
                guard let exact = ExactDecimal(parsingScientific: text)?.normalized else { return nil }
                return (Int128(exact.units), exact.scale)
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        while scale > 0, digits.last == 0 {
            digits.removeLast()
            scale -= 1
        }
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        guard digits.count <= 38, scale <= ExactDecimal.maxScale else { return nil }
        var units: Int128 = 0
        for digit in digits { units = units * 10 + Int128(digit) }
        return (negative ? -units : units, scale)
    }
}

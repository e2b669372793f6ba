import SciLanguage

/// Quotients of integers and decimals (`/`; an average: a total over a
/// count; a median of an even count: two values over 2) as a decimal
/// column. A quotient that ends within 18 significant digits is exact (the
/// mean of two 9007199254740993 is 9007199254740993, 7 / 2 is 3.5); one
/// that does not end there (1 / 3) is rounded half away from zero to 15
/// significant digits, the digits a double holds for any decimal. The
/// column takes the largest scale its values need. Where no one scale holds
/// every row in 64 bits (means of 0.333… and of 12345.5: 15 places, and
/// 12345.5 at 15 places passes 2^63), the column is a float, each row the
/// double nearest its value, as a file's column of such numbers is and as
/// a `case` that mixes them is: no row loses a digit it shows. So a row's
/// value depends on its quotient only, and an engine that gives each row's
/// quotient is read back the same way (`column(values:scales:nulls:)`). A
/// quotient too large for 64 bits even without places is an overflow
/// error, never a wrong value.
public enum DecimalMeans {
    /// `numerators[g] / denominators[g]`, numerators at `scale`; a group with
    /// a zero denominator is null (and so is a row already null in `nulls`).
    static func column(_ numerators: [Int128], _ denominators: [Int64], scale: Int, nulls given: [Bool]? = nil) throws -> Column {
        let count = numerators.count
        var targets = [Int](repeating: 0, count: count)
        var nulls = given ?? [Bool](repeating: false, count: count)
        // Millions of groups take a good part of a second: Ctrl-C is looked at.
        for g in 0..<count where !nulls[g] {
            try Cancellation.check(row: g)
            if denominators[g] == 0 { nulls[g] = true; continue }
            targets[g] = exactScale(numerators[g], Int128(denominators[g]), scale)
                ?? targetScale(numerators[g], Int128(denominators[g]), scale)
        }
        // Each row's value at its own places (a target below zero rounds
        // the whole part: its units are then at scale 0).
        var values = [Int128](repeating: 0, count: count)
        for g in 0..<count where !nulls[g] {
            try Cancellation.check(row: g)
            let t = targets[g]
            values[g] = t >= 0
                ? quotient(numerators[g], Int128(denominators[g]), scale, t)
                : wholeQuotient(numerators[g], Int128(denominators[g]), scale, roundedTo: -t)
            if t < 0 { targets[g] = 0 }
        }
        return try column(values: values, scales: targets, nulls: nulls)
    }

    /// A decimal column of `values` (units at `scales[g]` places each) at
    /// the largest of their scales; a float column when that scale cannot
    /// hold every row in 64 bits; an overflow error when a row does not fit
    /// 64 bits even at its own scale.
    public static func column(values: [Int128], scales: [Int], nulls: [Bool]) throws -> Column {
        let count = values.count
        var columnScale = 0
        for g in 0..<count where !nulls[g] {
            try Cancellation.check(row: g)
            guard DecimalArithmetic.fitting(values[g]) != nil else {
                throw Diagnostic(message: "decimal overflow: a quotient of \(text(values[g], scale: scales[g])) needs more than 18 digits; float(x) computes with floats instead")
            }
            columnScale = max(columnScale, scales[g])
        }
        var units = [Int64](repeating: 0, count: count)
        var fits = true
        for g in 0..<count where !nulls[g] {
            try Cancellation.check(row: g)
            let (wide, overflow) = values[g].multipliedReportingOverflow(by: power(columnScale - scales[g]))
            guard !overflow, let fitting = DecimalArithmetic.fitting(wide) else { fits = false; break }
            units[g] = fitting
        }
        if fits { return Column(.decimal(units, scale: columnScale), nulls: nulls) }
        var doubles = [Double](repeating: 0, count: count)
        for g in 0..<count where !nulls[g] {
            // Each fits 64 bits at its own scale (checked above).
            doubles[g] = ExactDecimal(units: Int64(truncatingIfNeeded: values[g]), scale: scales[g]).double
        }
        return Column(.float(doubles), nulls: nulls)
    }

    /// Units at `scale` places as text (for an error message).
    static func text(_ units: Int128, scale: Int) -> String {
        let digits = String(units.magnitude)
        guard scale > 0 else { return (units < 0 ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return (units < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
    }

    /// The places at which `n / d` (n at `scale`) ends, when it ends within
    /// 18 significant digits; nil otherwise.
    static func exactScale(_ n: Int128, _ d: Int128, _ scale: Int) -> Int? {
        if n == 0 { return 0 }
        // n / (d · 10^scale) in lowest terms ends iff the denominator is 2^a·5^b,
        // after max(a, b) places.
        let whole = d.magnitude * UInt128(ExactDecimal.powers[scale])
        let divisor = gcd(n.magnitude, whole)
        let numerator = n.magnitude / divisor
        let limit = UInt128(ExactDecimal.powers[18])
        guard numerator < limit else { return nil }
        var denominator = whole / divisor
        let reduced = denominator
        var twos = 0, fives = 0
        while denominator % 2 == 0 { denominator /= 2; twos += 1 }
        while denominator % 5 == 0 { denominator /= 5; fives += 1 }
        let places = max(twos, fives)
        guard denominator == 1, places <= ExactDecimal.maxScale else { return nil }
        // The units: numerator · 10^places / reduced, below 10^18 to fit.
        let units = numerator * (UInt128(ExactDecimal.powers[places]) / reduced)
        return units < limit ? places : nil
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// 10^k in 128 bits (k up to 38).
    static func power(_ k: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<k { result *= 10 }
        return result
    }

    /// The scale that gives 15 significant digits (at most 18 places; below
    /// zero when the whole part has more than 15 digits).
    static func targetScale(_ n: Int128, _ d: Int128, _ scale: Int) -> Int {
        let magnitude = n.magnitude
        let denominator = UInt128(d) * UInt128(ExactDecimal.powers[scale])
        if magnitude == 0 { return 0 }
        if magnitude >= denominator {
            var whole = magnitude / denominator
            var digits = 0
            while whole > 0 { whole /= 10; digits += 1 }
            return 15 - digits
        }
        // Zeros between the point and the first digit.
        var zeros = 0
        var scaled = magnitude * 10
        while scaled < denominator, zeros < 18 {
            scaled *= 10
            zeros += 1
        }
        return min(ExactDecimal.maxScale, 15 + zeros)
    }

    /// `n / d` (n at `scale`) rounded half away from zero to a multiple of
    /// 10^k (k > 0: a target below zero), in units of 1.
    static func wholeQuotient(_ n: Int128, _ d: Int128, _ scale: Int, roundedTo k: Int) -> Int128 {
        rounding(n, d * power(scale + k)) * power(k)
    }

    /// `n / d` (n at `scale`, d > 0) at `target` places (units of
    /// 10^-target), rounded half away from zero.
    static func quotient(_ n: Int128, _ d: Int128, _ scale: Int, _ target: Int) -> Int128 {
        if target >= scale {
            return rounding(n * power(target - scale), d)
        }
        return rounding(n, d * power(scale - target))
    }

    static func rounding(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        if r.magnitude * 2 >= b.magnitude { return q + (a < 0 ? -1 : 1) }
        return q
    }
}

import SciEngine

/// Exact decimals in DuckDB and Spark: scicity's decimal (a 64-bit count of
/// units, at most 18 places) travels as DECIMAL(38, 18), which holds every
/// one of them exactly. `+ - %`, sums, comparisons, keys and text are the
/// engines' own decimal arithmetic. A product and a quotient are spelled
/// out on integer digits (HUGEINT in DuckDB, DECIMAL(38, 0) in Spark, both
/// exact), because DuckDB divides decimals as doubles and Spark narrows a
/// result past 38 digits by dropping places; both are made from the
/// decimal's text, the one spelling the two engines write alike
/// (`-12.500000000000000000`). PostgreSQL and SQLite keep doubles.
enum SQLDecimals {
    static let type = "DECIMAL(38, 18)"

    /// Spark's `+` of two DECIMAL(38, 18) gives DECIMAL(38, 17), dropping
    /// a place: its operands go in as DECIMAL(37, 18) (every scicity
    /// decimal fits: below 10^19), so the sum is DECIMAL(38, 18).
    static func addOrSubtract(_ op: String, _ a: String, _ b: String, _ d: SQLDialect) -> String {
        switch d.name {
        case .spark: return "CAST((CAST(\(a) AS DECIMAL(37, 18)) \(op) CAST(\(b) AS DECIMAL(37, 18))) AS \(type))"
        default: return "(CAST(\(a) AS \(type)) \(op) CAST(\(b) AS \(type)))"
        }
    }

    /// Integers wider than 64 bits.
    static func big(_ d: SQLDialect) -> String { d.name == .spark ? "DECIMAL(38, 0)" : "HUGEINT" }

    static func integer(_ text: String, _ d: SQLDialect) -> String { "CAST('\(text)' AS \(big(d)))" }

    /// Integer division of two non-negative big integers.
    static func divide(_ a: String, _ b: String, _ d: SQLDialect) -> String {
        d.name == .spark ? "CAST((\(a) DIV \(b)) AS \(big(d)))" : "(\(a) // \(b))"
    }

    /// 10^k for a k computed in SQL (0…38), exact.
    static func power(_ k: String, _ d: SQLDialect) -> String {
        "CAST(rpad('1', CAST(\(k) AS INT) + 1, '0') AS \(big(d)))"
    }

    /// 5 · 10^(k-1): half of 10^k (k ≥ 1).
    static func half(_ k: String, _ d: SQLDialect) -> String {
        "CAST(rpad('5', CAST(\(k) AS INT), '0') AS \(big(d)))"
    }

    static func text(_ x: String, _ d: SQLDialect) -> String { "CAST(\(x) AS \(d.type(.string)))" }

    /// `fields` bound once to `variable` (`variable.name` in `body`): an
    /// expression used many times is written, and computed, once.
    static func bind(_ variable: String, _ fields: [(String, String)], in body: String, _ d: SQLDialect) -> String {
        switch d.name {
        case .spark:
            let pairs = fields.map { "'\($0.0)', \($0.1)" }.joined(separator: ", ")
            return "transform(array(named_struct(\(pairs))), \(variable) -> \(body))[0]"
        default:
            let pairs = fields.map { "\($0.0) := \($0.1)" }.joined(separator: ", ")
            return "list_transform([struct_pack(\(pairs))], lambda \(variable): \(body))[1]"
        }
    }

    /// The magnitude's whole digits and its 18 places, from a decimal's text.
    static func parts(_ text: String, _ d: SQLDialect) -> (whole: String, places: String) {
        let magnitude = "replace(\(text), '-', '')"
        return ("split_part(\(magnitude), '.', 1)", "split_part(\(magnitude), '.', 2)")
    }

    /// Digits (a whole part and 18 places, magnitudes, `negative` a boolean)
    /// as a DECIMAL(38, 18).
    static func assemble(negative: String, whole: String, places: String, _ d: SQLDialect) -> String {
        "CAST(concat(CASE WHEN \(negative) THEN '-' ELSE '' END, \(text(whole, d)), '.', lpad(\(text(places, d)), 18, '0')) AS \(type))"
    }

    /// `a * b` exactly, rounded half away from zero to 18 places, as
    /// scicity multiplies (a product past 18 places is rounded there).
    static func multiply(_ a: String, _ b: String, _ d: SQLDialect) -> String {
        let big = big(d)
        let e18 = integer("1000000000000000000", d)
        let (aw, af) = parts("sm1.a", d), (bw, bf) = parts("sm1.b", d)
        // a = A + Fa/10^18, b = B + Fb/10^18 (magnitudes): the product is
        // A·B + (A·Fb + B·Fa)/10^18 + Fa·Fb/10^36.
        let step2 = bind("sm2", [
            ("neg", "(substr(sm1.a, 1, 1) = '-') <> (substr(sm1.b, 1, 1) = '-')"),
            ("ab", "CAST(\(aw) AS \(big)) * CAST(\(bw) AS \(big))"),
            ("mid", "CAST(\(aw) AS \(big)) * CAST(\(bf) AS \(big)) + CAST(\(bw) AS \(big)) * CAST(\(af) AS \(big))"),
            ("low", "CAST(\(af) AS \(big)) * CAST(\(bf) AS \(big))"),
        ], in: bind("sm3", [
            ("neg", "sm2.neg"),
            ("units", "sm2.ab * \(e18) + sm2.mid + \(divide("sm2.low", e18, d)) + CASE WHEN sm2.low % \(e18) >= \(integer("500000000000000000", d)) THEN \(integer("1", d)) ELSE \(integer("0", d)) END"),
        ], in: assemble(negative: "sm3.neg", whole: divide("sm3.units", e18, d), places: "sm3.units % \(e18)", d), d), d)
        let body = "CASE WHEN sm1.a IS NULL OR sm1.b IS NULL THEN CAST(NULL AS \(type)) ELSE \(step2) END"
        return bind("sm1", [("a", text("CAST(\(a) AS \(type))", d)), ("b", text("CAST(\(b) AS \(type))", d))], in: body, d)
    }

    /// `x / y` as scicity divides exact numbers (DecimalMeans): exact when
    /// the quotient ends within 18 significant digits, else rounded half
    /// away from zero to 15 significant digits; null when y is 0 or null.
    /// (The column scicity makes of such quotients keeps fewer places where
    /// one scale cannot hold them all; the engine's rows are narrowed the
    /// same way as they are read back.)
    ///
    /// On digits: with y = D / 10^k (D an integer, k its places) the
    /// quotient is P / D for P = x · 10^k; long division gives the whole part
    /// W and 18 places Q, and R2, what remains: exact iff R2 = 0.
    static func quotient(_ x: String, _ y: String, _ d: SQLDialect) -> String {
        let big = big(d)
        let e18 = integer("1000000000000000000", d)
        let (xw, xf) = parts("sq1.x", d), (yw, yf) = parts("sq1.y", d)
        // Stage 2: D, and P's whole part and its 18 places after the shift.
        let k = "length(regexp_replace(\(yf), '0+$', ''))"
        let stage2: [(String, String)] = [
            ("neg", "(substr(sq1.x, 1, 1) = '-') <> (substr(sq1.y, 1, 1) = '-')"),
            ("d", "CAST(concat(\(yw), substr(\(yf), 1, \(k))) AS \(big))"),
            ("pw", "CAST(concat(\(xw), substr(\(xf), 1, \(k))) AS \(big))"),
            ("pf", "CAST(rpad(substr(\(xf), \(k) + 1), 18, '0') AS \(big))"),
        ]
        // Stage 3: the whole part W and the 18 places Q, R2 what remains.
        let stage3: [(String, String)] = [
            ("neg", "sq2.neg"), ("d", "sq2.d"),
            ("w", divide("sq2.pw", "sq2.d", d)),
            ("t", "(sq2.pw % sq2.d) * \(e18) + sq2.pf"),
        ]
        let stage4: [(String, String)] = [
            ("neg", "sq3.neg"), ("d", "sq3.d"), ("w", "sq3.w"),
            ("q", divide("sq3.t", "sq3.d", d)),
            ("r", "sq3.t % sq3.d"),
        ]
        // Stage 5: texts of W and Q, the places an exact quotient takes, and
        // the places of 15 significant digits.
        let ws = text("sq4.w", d), qs = "lpad(\(text("sq4.q", d)), 18, '0')"
        let places = "length(regexp_replace(\(qs), '0+$', ''))"
        let zeros = "CASE WHEN sq4.q = 0 THEN 18 ELSE 18 - length(\(text("sq4.q", d))) END"
        let stage5: [(String, String)] = [
            ("neg", "sq4.neg"), ("d", "sq4.d"), ("w", "sq4.w"), ("q", "sq4.q"), ("r", "sq4.r"),
            ("exact", "sq4.r = 0 AND length(regexp_replace(concat(\(ws), substr(\(qs), 1, \(places))), '^0+', '')) <= 18"),
            ("target", "CASE WHEN sq4.w > 0 THEN 15 - length(\(ws)) ELSE least(18, 15 + \(zeros)) END"),
        ]
        // Rounded to `target` places (t ≥ 0): the units at 18 places, less
        // what lies past the target, plus 10^(18 - t) when that is half or more.
        let cut = "18 - sq5.target"
        let units = "sq5.w * \(e18) + sq5.q"
        let past = "sq5.q % \(power(cut, d))"
        let roundUp = "CASE WHEN sq5.target = 18 THEN 2 * sq5.r >= sq5.d ELSE \(past) >= \(half(cut, d)) END"
        let roundedUnits = "\(units) - CASE WHEN sq5.target = 18 THEN \(integer("0", d)) ELSE \(past) END + CASE WHEN \(roundUp) THEN \(power("CASE WHEN sq5.target = 18 THEN 0 ELSE \(cut) END", d)) ELSE \(integer("0", d)) END"
        // Rounded to tens, hundreds, … (t < 0: more than 15 whole digits).
        let tens = "-sq5.target"
        let wholePast = "sq5.w % \(power(tens, d))"
        let roundedWhole = "sq5.w - \(wholePast) + CASE WHEN \(wholePast) >= \(half(tens, d)) THEN \(power(tens, d)) ELSE \(integer("0", d)) END"
        let result = """
            CASE WHEN sq5.exact THEN \(assemble(negative: "sq5.neg", whole: "sq5.w", places: "sq5.q", d)) \
            WHEN sq5.target >= 0 THEN \(bind("sq6", [("u", roundedUnits)], in: assemble(negative: "sq5.neg", whole: divide("sq6.u", e18, d), places: "sq6.u % \(e18)", d), d)) \
            ELSE \(assemble(negative: "sq5.neg", whole: roundedWhole, places: integer("0", d), d)) END
            """
        let chain = bind("sq2", stage2, in: bind("sq3", stage3, in: bind("sq4", stage4, in: bind("sq5", stage5, in: result, d), d), d), d)
        let body = "CASE WHEN sq1.x IS NULL OR sq1.y IS NULL OR CAST(sq1.y AS \(type)) = 0 THEN CAST(NULL AS \(type)) ELSE \(chain) END"
        return bind("sq1", [("x", text("CAST(\(x) AS \(type))", d)), ("y", text("CAST(\(y) AS \(type))", d))], in: body, d)
    }
}

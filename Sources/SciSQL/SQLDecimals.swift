import SciEngine

/// Exact decimals in DuckDB and Spark: scicity's decimal (a 64-bit count of
/// units, at most 18 places) travels as DECIMAL(38, 18), which holds every
/// one of them exactly. `+ - %`, sums, comparisons, keys and text are the
/// engines' own decimal arithmetic. A product and a quotient are spelled
/// out on integer digits (HUGEINT in DuckDB, DECIMAL(38, 0) in Spark, both
/// exact), because DuckDB divides decimals as doubles and Spark narrows a
/// result past 38 digits by dropping places. In Spark they are made from
/// the decimal's text (`-12.500000000000000000`); DuckDB, whose text and
/// 128-bit parsing are slow, works on its decimals' units and whole parts
/// (the MARK below). PostgreSQL and SQLite keep doubles.
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
    /// as a DECIMAL(38, 18). DuckDB parses text into a 128-bit decimal about
    /// 20 times slower than into a 64-bit one, so there the value is made
    /// from its units (whole · 10^18 + places) times 10^-18, which is exact.
    static func assemble(negative: String, whole: String, places: String, _ d: SQLDialect) -> String {
        switch d.name {
        case .duckdb:
            return fromUnits(negative: negative, units: "\(whole) * \(integer("1000000000000000000", d)) + \(places)", d)
        default:
            return "CAST(concat(CASE WHEN \(negative) THEN '-' ELSE '' END, \(text(whole, d)), '.', lpad(\(text(places, d)), 18, '0')) AS \(type))"
        }
    }

    /// DuckDB: a magnitude in units of 10^-18 (a HUGEINT) as a DECIMAL(38, 18).
    static func fromUnits(negative: String, units: String, _ d: SQLDialect) -> String {
        "(CASE WHEN \(negative) THEN -1 ELSE 1 END * (CAST(\(units) AS DECIMAL(38, 0)) * CAST('0.000000000000000001' AS \(type))))"
    }

    /// DuckDB: a file's decimal field (`-12.5`, `.5`, `3`; null stays null)
    /// read as text. DuckDB's own reader into DECIMAL(38, 18) takes 6 s for
    /// a million values: a field of at most 18 characters is read as
    /// DECIMAL(18, its places), 64-bit and fast, then widened; a longer one
    /// is made from its whole digits and its places, 64-bit integers both
    /// (the bench's million-row query: 0.47 s, against 0.87 s when every
    /// field is made the second way).
    static func fromText(_ value: String, _ d: SQLDialect) -> String {
        let whole = "CAST(coalesce(nullif(replace(replace(split_part(\(value), '.', 1), '-', ''), '+', ''), ''), '0') AS \(big(d)))"
        let places = "CAST(rpad(split_part(\(value), '.', 2), 18, '0') AS \(big(d)))"
        let long = assemble(negative: "starts_with(\(value), '-')", whole: whole, places: places, d)
        let arms = (0...18).map { "WHEN \($0) THEN CAST(CAST(\(value) AS DECIMAL(18, \($0))) AS \(type))" }.joined(separator: " ")
        return "CASE WHEN \(value) IS NULL THEN NULL WHEN length(\(value)) <= 18 THEN CASE length(split_part(\(value), '.', 2)) \(arms) END ELSE \(long) END"
    }

    /// `a * b` exactly, rounded half away from zero to 18 places, as
    /// scicity multiplies (a product past 18 places is rounded there).
    static func multiply(_ a: String, _ b: String, _ d: SQLDialect) -> String {
        if d.name == .duckdb { return multiplyInDuckDB(a, b, d) }
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
        ], in: d.name == .duckdb ? fromUnits(negative: "sm3.neg", units: "sm3.units", d) : assemble(negative: "sm3.neg", whole: divide("sm3.units", e18, d), places: "sm3.units % \(e18)", d), d), d)
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
        if d.name == .duckdb { return quotientInDuckDB(x, y, d) }
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
            WHEN sq5.target >= 0 THEN \(d.name == .duckdb ? fromUnits(negative: "sq5.neg", units: roundedUnits, d) : bind("sq6", [("u", roundedUnits)], in: assemble(negative: "sq5.neg", whole: divide("sq6.u", e18, d), places: "sq6.u % \(e18)", d), d)) \
            ELSE \(assemble(negative: "sq5.neg", whole: roundedWhole, places: integer("0", d), d)) END
            """
        let chain = bind("sq2", stage2, in: bind("sq3", stage3, in: bind("sq4", stage4, in: bind("sq5", stage5, in: result, d), d), d), d)
        let body = "CASE WHEN sq1.x IS NULL OR sq1.y IS NULL OR sq1.zero THEN CAST(NULL AS \(type)) ELSE \(chain) END"
        return bind("sq1", [("x", text("CAST(\(x) AS \(type))", d)), ("y", text("CAST(\(y) AS \(type))", d)), ("zero", "\(y) = 0")], in: body, d)
    }

    // MARK: DuckDB, on its own decimals and 128-bit integers

    /// DuckDB multiplies DECIMAL(38, 0) and DECIMAL(38, 18) exactly within
    /// 38 digits, so a product is its parts: with a = A + fa and b = B + fb
    /// (A, B whole, cut toward zero), A·B + A·fb + fa·B + fa·fb, the last
    /// below 1 (DECIMAL(38, 36)) and rounded half away from zero to 18
    /// places as it is cast; every part has the product's sign, so that is
    /// the product's rounding.
    static func multiplyInDuckDB(_ a: String, _ b: String, _ d: SQLDialect) -> String {
        let whole = { (x: String) in "CAST(trunc(\(x)) AS DECIMAL(38, 0))" }
        let parts = bind("sm2", [("a", "sm1.a"), ("b", "sm1.b"), ("ah", whole("sm1.a")), ("bh", whole("sm1.b"))],
                         in: "(CAST(sm2.ah * sm2.bh AS \(type)) + sm2.ah * (sm2.b - sm2.bh) + (sm2.a - sm2.ah) * sm2.bh + CAST((sm2.a - sm2.ah) * (sm2.b - sm2.bh) AS \(type)))", d)
        return bind("sm1", [("a", "CAST(\(a) AS \(type))"), ("b", "CAST(\(b) AS \(type))")], in: parts, d)
    }

    /// A non-negative DECIMAL(38, 18) as its units of 10^-18 (a HUGEINT).
    static func units(_ x: String, _ d: SQLDialect) -> String {
        "(CAST(trunc(\(x)) AS HUGEINT) * \(integer("1000000000000000000", d)) + CAST((\(x) - trunc(\(x))) * CAST('1000000000000000000' AS DECIMAL(38, 0)) AS HUGEINT))"
    }

    /// 10^k as a HUGEINT (k from 0 to 22: exact in a double).
    static func powerInDuckDB(_ k: String) -> String { "CAST(pow(10, greatest(\(k), 0)) AS HUGEINT)" }

    /// The quotient rule of `quotient`, on DuckDB's 128-bit integers: A and
    /// B are the magnitudes' units; B without its trailing zeros (at most
    /// 18) is below 10^19, so the remainder times the places left fits.
    static func quotientInDuckDB(_ x: String, _ y: String, _ d: SQLDialect) -> String {
        let e18 = integer("1000000000000000000", d)
        let trailingZeros = { (x: String) in "(length(CAST(\(x) AS VARCHAR)) - length(rtrim(CAST(\(x) AS VARCHAR), '0')))" }
        // Stage 2: signs and units; stage 3: W, R and the zeros of B.
        let stage2: [(String, String)] = [
            ("neg", "(sq1.x < 0) <> (sq1.y < 0)"),
            ("a", units("abs(sq1.x)", d)),
            ("b", units("abs(sq1.y)", d)),
        ]
        let stage3: [(String, String)] = [
            ("neg", "sq2.neg"),
            ("w", "sq2.a // sq2.b"),
            ("r", "sq2.a % sq2.b"),
            ("z", "least(18, \(trailingZeros("sq2.b")))"),
            ("b", "sq2.b"),
        ]
        // Stage 4: the 18 places Q and what remains, R2, over B' = B / 10^z.
        let stage4: [(String, String)] = [
            ("neg", "sq3.neg"), ("w", "sq3.w"),
            ("d", "sq3.b // \(powerInDuckDB("sq3.z"))"),
            ("t", "sq3.r * \(powerInDuckDB("18 - sq3.z"))"),
        ]
        let stage5: [(String, String)] = [
            ("neg", "sq4.neg"), ("w", "sq4.w"), ("d", "sq4.d"),
            ("q", "sq4.t // sq4.d"),
            ("r", "sq4.t % sq4.d"),
        ]
        // Stage 6: exact (ends within 18 places and 18 digits), or the places
        // of 15 significant digits.
        let units18 = "(sq5.w * \(e18) + sq5.q)"
        let stage6: [(String, String)] = [
            ("neg", "sq5.neg"), ("w", "sq5.w"), ("d", "sq5.d"), ("q", "sq5.q"), ("r", "sq5.r"),
            ("exact", "sq5.r = 0 AND length(rtrim(CAST(\(units18) AS VARCHAR), '0')) <= 18"),
            ("target", "CASE WHEN sq5.w > 0 THEN 15 - length(CAST(sq5.w AS VARCHAR)) ELSE least(18, 15 + CASE WHEN sq5.q = 0 THEN 18 ELSE 18 - length(CAST(sq5.q AS VARCHAR)) END) END"),
        ]
        let cut = "(18 - sq6.target)"
        let past = "(sq6.q % \(powerInDuckDB(cut)))"
        let up = "CASE WHEN sq6.target = 18 THEN 2 * sq6.r >= sq6.d ELSE \(past) >= 5 * \(powerInDuckDB("\(cut) - 1")) END"
        let rounded = "sq6.w * \(e18) + sq6.q - \(past) + CASE WHEN \(up) THEN \(powerInDuckDB(cut)) ELSE 0 END"
        let tens = "(-sq6.target)"
        let wholePast = "(sq6.w % \(powerInDuckDB(tens)))"
        let roundedWhole = "(sq6.w - \(wholePast) + CASE WHEN \(wholePast) >= 5 * \(powerInDuckDB("\(tens) - 1")) THEN \(powerInDuckDB(tens)) ELSE 0 END) * \(e18)"
        let result = """
            CASE WHEN sq6.exact THEN \(fromUnits(negative: "sq6.neg", units: "sq6.w * \(e18) + sq6.q", d)) \
            WHEN sq6.target >= 0 THEN \(fromUnits(negative: "sq6.neg", units: rounded, d)) \
            ELSE \(fromUnits(negative: "sq6.neg", units: roundedWhole, d)) END
            """
        let chain = bind("sq2", stage2, in: bind("sq3", stage3, in: bind("sq4", stage4, in: bind("sq5", stage5, in: bind("sq6", stage6, in: result, d), d), d), d), d)
        let body = "CASE WHEN sq1.x IS NULL OR sq1.y IS NULL OR sq1.y = 0 THEN CAST(NULL AS \(type)) ELSE \(chain) END"
        return bind("sq1", [("x", "CAST(\(x) AS \(type))"), ("y", "CAST(\(y) AS \(type))")], in: body, d)
    }
}

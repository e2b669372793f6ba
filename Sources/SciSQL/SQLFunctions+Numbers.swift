import SciEngine

/// floor … sign in SQL. scicity gives null for a result that is not a
/// finite number; the engines give inf, nan or an error, so each argument
/// outside the domain is caught before the call and each result checked.
extension SQLFunctions {
    static let numberScalars: [String: Scalar] = [
        "floor": { d, a in whole(d, a[0], "floor") },
        "ceil": { d, a in whole(d, a[0], "ceil") },
        "trunc": { d, a in whole(d, a[0], "trunc") },
        "sqrt": { d, a in let x = double(a[0], d); return "CASE WHEN \(x) >= 0 THEN sqrt(\(x)) END" },
        "ln": { d, a in let x = double(a[0], d); return "CASE WHEN \(x) > 0 THEN ln(\(x)) END" },
        "log10": { d, a in let x = double(a[0], d); return "CASE WHEN \(x) > 0 THEN log10(\(x)) END" },
        "exp": { d, a in finite("exp(\(double(a[0], d)))", d) },
        "pow": { d, a in
            if a[1].type == .null { return d.typedNull(.decimal) }
            let x = double(a[0], d)
            guard d.name == .spark else { return finite("pow(\(x), \(double(a[1], d)))", d) }
            // Java's pow may be a unit off in the last place where the C
            // library's is right: only exponents whose result is one
            // correctly rounded operation compile.
            let refusal = SQLRefusal(construct: "pow with an exponent other than 0, 1, 2, -1 or 0.5 written out", dialect: d, reason: "Java's pow is not correctly rounded, so its last digit may differ")
            guard let exponent = a[1].literal?.asDouble else { throw refusal }
            switch exponent {
            case 0: return "CASE WHEN \(x) IS NULL THEN NULL ELSE \(d.float(1)) END"
            case 1: return x
            case 2: return finite("(\(x) * \(x))", d)
            case -1: return finite("(\(d.float(1)) / \(x))", d)
            case 0.5: return "CASE WHEN \(x) >= 0 THEN sqrt(\(x)) END"
            default: throw refusal
            }
        },
        "sign": { d, a in
            let x = a[0].sql
            return d.name == .spark ? "CAST(signum(\(x)) AS BIGINT)" : "CAST(sign(\(x)) AS BIGINT)"
        },
    ]

    static func double(_ argument: SQLArgument, _ d: SQLDialect) -> String {
        cast(argument, to: .float, d)
    }

    /// `x` where it is a finite number, else null.
    static func finite(_ x: String, _ d: SQLDialect) -> String {
        switch d.name {
        case .spark: return "CASE WHEN isnan(\(x)) OR abs(\(x)) = CAST('Infinity' AS DOUBLE) THEN NULL ELSE \(x) END"
        default: return "CASE WHEN isfinite(\(x)) THEN \(x) END"
        }
    }

    /// floor, ceil, trunc: integers are whole already; decimals stay DOUBLE
    /// (Spark's floor gives BIGINT, so past 2^52, where every double is
    /// whole, the value is kept). `+ 0` turns -0 into 0, as in scicity.
    static func whole(_ d: SQLDialect, _ argument: SQLArgument, _ name: String) -> String {
        let x = argument.sql
        guard argument.type == .decimal || argument.type == .float else { return x }
        // An exact decimal's whole part is exact too, and -0 does not arise.
        if argument.type == .decimal, d.exactDecimals {
            let toward = name == "trunc" ? "CASE WHEN \(x) < 0 THEN ceil(\(x)) ELSE floor(\(x)) END" : "\(name)(\(x))"
            return "CAST(\(toward) AS \(d.type(.decimal)))"
        }
        switch d.name {
        case .spark:
            let floor = "CAST(floor(\(x)) AS DOUBLE)", ceil = "CAST(ceil(\(x)) AS DOUBLE)"
            let rounded = name == "floor" ? floor : name == "ceil" ? ceil : "CASE WHEN \(x) < 0 THEN \(ceil) ELSE \(floor) END"
            return "(CASE WHEN abs(\(x)) >= \(d.float(4503599627370496)) THEN \(x) ELSE \(rounded) END + CAST(0 AS DOUBLE))"
        default:
            return "(\(name)(\(x)) + CAST(0 AS DOUBLE))"
        }
    }
}

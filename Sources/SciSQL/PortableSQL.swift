import SciEngine

/// PostgreSQL and SQLite: which functions, aggregates and operators compile
/// for them. The tables in `SQLFunctions` are written for DuckDB and Spark;
/// for these two dialects a name compiles only when its SQL was written
/// (an override here) or checked to mean the same (listed as shared), so a
/// function added for DuckDB later is refused by name here, never given
/// DuckDB's spelling.
extension SQLFunctions {
    /// A scalar function's SQL in a dialect, or nil when it has none.
    public static func scalar(_ name: String, in d: SQLDialect) -> Scalar? {
        guard d.isPortable else { return scalars[name] }
        if let own = (d.name == .postgres ? postgresScalars : sqliteScalars)[name] { return own }
        return sharedScalars.contains(name) ? scalars[name] : nil
    }

    public static func aggregate(_ name: String, in d: SQLDialect) -> Aggregate? {
        guard d.isPortable else { return aggregates[name] }
        if let own = (d.name == .postgres ? postgresAggregates : sqliteAggregates)[name] { return own }
        return sharedAggregates.contains(name) ? aggregates[name] : nil
    }

    public typealias Operator = @Sendable (SQLDialect, SQLArgument, SQLArgument) throws -> String

    public static func op(_ name: String, in d: SQLDialect) -> Operator? {
        guard d.isPortable else { return operators[name] }
        if let own = (d.name == .postgres ? postgresOperators : sqliteOperators)[name] { return own }
        return sharedOperators.contains(name) ? operators[name] : nil
    }

    /// Whether a name compiles in a dialect, for the coverage test and `.help`.
    public static func compiles(function name: String, in d: SQLDialect) -> Bool {
        scalar(name, in: d) != nil || aggregate(name, in: d) != nil
    }

    // MARK: The SQL that means the same in all four

    /// CASE, COALESCE, NULLIF, abs, replace and casts: standard SQL, with the
    /// dialect's type names; the parts of a date, as `SQLDialect.datePart` spells them.
    static let sharedScalars: Set<String> = ["abs", "coalesce", "day", "if", "month", "nullif", "replace", "round", "text", "year"]
    /// count and count(DISTINCT), min and max (text by bytes as the inputs are).
    static let sharedAggregates: Set<String> = ["count", "count_distinct"]
    /// Logic, comparisons (text compared by bytes), `||`, dates and `/`.
    static let sharedOperators: Set<String> = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "/"]

    // MARK: PostgreSQL

    static let postgresScalars: [String: Scalar] = [
        // PostgreSQL folds case by the database's character type: a UTF-8
        // one, as scicity's tests make, folds every letter as Swift does.
        "lower": { d, a in "lower(\(a[0].sql))" },
        "upper": { d, a in "upper(\(a[0].sql))" },
        "trim": { d, a in "btrim(\(a[0].sql), \(d.string(whiteSpace)))" },
        // greatest and least skip nulls, as scicity's do; text by bytes.
        "greatest": { d, a in extreme("greatest", d, a) },
        "least": { d, a in extreme("least", d, a) },
        // PostgreSQL rounds a double half to even; scicity half away from zero.
        "round": { d, a in
            guard a[0].type != .decimal, a[0].type != .float else {
                throw SQLRefusal(construct: "round of a decimal", dialect: d, reason: "PostgreSQL rounds a double half to even, scicity half away from zero")
            }
            return try round(d, a)
        },
    ]

    static let postgresAggregates: [String: Aggregate] = [
        "sum": { d, i in
            guard let x = i.argument else { return "NULL" }
            if i.type == .integer { return "CAST(sum(\(x)) AS BIGINT)" }  // sum(bigint) is exact NUMERIC
            if i.type == .null { return d.typedNull(.decimal) }
            // Exact in NUMERIC, then rounded to the digits scicity shows.
            return roundedToShown("CAST(sum(CAST(\(x) AS NUMERIC)) AS DOUBLE PRECISION)", d)
        },
        "avg": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(.decimal) }
            return roundedToShown("CAST(sum(CAST(\(x) AS NUMERIC)) / count(\(x)) AS DOUBLE PRECISION)", d)
        },
        "min": { d, i in minMax("min", d, i) },
        "max": { d, i in minMax("max", d, i) },
        "list": { d, i in
            guard let x = i.argument, let type = i.type, type != .null else { return d.typedNull(.string) }
            let keep = "\(i.firstOfValue) AND \(x) IS NOT NULL"
            return "CASE WHEN count(\(x)) = 0 THEN NULL ELSE string_agg(\(text(x, type, d)), ', ' ORDER BY \(i.order)) FILTER (WHERE \(keep)) END"
        },
    ]

    static let postgresOperators: [String: Operator] = [
        "contains": { d, a, b in "(strpos(\(a.sql), \(b.sql)) > 0)" },
        "startswith": { d, a, b in "starts_with(\(a.sql), \(b.sql))" },
        "endswith": { d, a, b in "(right(\(a.sql), length(\(b.sql))) = \(b.sql))" },
        "matches": { d, a, b in
            guard case .string(let pattern)? = b.literal, portableRegex(pattern) else {
                throw SQLRefusal(construct: "matches with this pattern", dialect: d,
                                 reason: "only letters, digits, Chinese, spaces and . * + ? | ^ $ ( ) [ ] - are read alike by every engine's regular expressions")
            }
            return "(\(a.sql) ~ \(b.sql))"
        },
        "*": { d, a, b in numeric("*", d, a, b) },
        // PostgreSQL has no `%` of doubles.
        "%": { d, a, b in
            guard a.type == .integer, b.type == .integer else {
                throw SQLRefusal(construct: "% of decimals", dialect: d, reason: "PostgreSQL's % takes integers and NUMERIC only")
            }
            return "(\(a.sql) % NULLIF(\(b.sql), \(d.integer(0))))"
        },
    ]

    static func extreme(_ name: String, _ d: SQLDialect, _ a: [SQLArgument]) -> String {
        let type = common(a)
        let items = a.map { argument -> String in
            let sql = cast(argument, to: type, d)
            return type == .string ? d.binaryText(sql) : sql
        }
        return "\(name)(" + items.joined(separator: ", ") + ")"
    }

    /// PostgreSQL has no min or max of booleans; they are bool_and and bool_or.
    static func minMax(_ name: String, _ d: SQLDialect, _ i: AggregateInput) -> String {
        guard let x = i.argument else { return "NULL" }
        switch i.type {
        case .bool?: return "\(name == "min" ? "bool_and" : "bool_or")(\(x))"
        case .string?: return "\(name)(\(d.binaryText(x)))"
        default: return "\(name)(\(x))"
        }
    }

    // MARK: SQLite

    static let sqliteScalars: [String: Scalar] = [
        "lower": { d, _ in throw SQLRefusal(construct: "the function lower", dialect: d, reason: "SQLite folds only the letters A to Z") },
        "upper": { d, _ in throw SQLRefusal(construct: "the function upper", dialect: d, reason: "SQLite folds only the letters a to z") },
        "trim": { d, a in "trim(\(a[0].sql), \(d.string(whiteSpace)))" },
        // SQLite has no booleans: true and false are 1 and 0.
        "text": { d, a in
            a[0].type == .bool ? "CASE WHEN \(a[0].sql) IS NULL THEN NULL WHEN \(a[0].sql) THEN 'true' ELSE 'false' END" : text(a[0].sql, a[0].type, d)
        },
    ]

    static let sqliteAggregates: [String: Aggregate] = [
        "sum": { d, i in
            guard let x = i.argument else { return "NULL" }
            // SQLite's sum of integers fails on overflow, as scicity's does
            // when the total does not fit.
            if i.type == .integer { return "sum(\(x))" }
            if i.type == .null { return d.typedNull(.decimal) }
            throw SQLRefusal(construct: "sum of decimals", dialect: d, reason: "SQLite adds doubles in the order it meets them, without compensation, so the last digits may differ")
        },
        "min": { d, i in "min(\(i.argument ?? "NULL"))" },
        "max": { d, i in "max(\(i.argument ?? "NULL"))" },
    ]

    static let sqliteOperators: [String: Operator] = [
        "contains": { d, a, b in "(instr(\(a.sql), \(b.sql)) > 0)" },
        "startswith": { d, a, b in "(substr(\(a.sql), 1, length(\(b.sql))) = \(b.sql))" },
        "endswith": { d, a, b in
            "CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL WHEN length(\(b.sql)) = 0 THEN TRUE ELSE substr(\(a.sql), -length(\(b.sql))) = \(b.sql) END"
        },
        // SQLite turns an integer result that overflows into a double; scicity stops.
        "+": { d, a, b in
            if a.type == .integer, b.type == .integer { return checkedInteger("(\(a.sql) + \(b.sql))") }
            return try operators["+"].map { try $0(d, a, b) } ?? "NULL"
        },
        "-": { d, a, b in
            if a.type == .integer, b.type == .integer { return checkedInteger("(\(a.sql) - \(b.sql))") }
            return try operators["-"].map { try $0(d, a, b) } ?? "NULL"
        },
        "*": { d, a, b in
            if a.type == .integer, b.type == .integer { return checkedInteger("(\(a.sql) * \(b.sql))") }
            return numeric("*", d, a, b)
        },
        // SQLite's % of doubles takes their integer parts.
        "%": { d, a, b in
            guard a.type == .integer, b.type == .integer else {
                throw SQLRefusal(construct: "% of decimals", dialect: d, reason: "SQLite's % takes the integer parts of decimals")
            }
            return "(\(a.sql) % NULLIF(\(b.sql), \(d.integer(0))))"
        },
    ]

    /// An integer result, or an error when SQLite made it a double: the
    /// value is computed once, in a subquery, and its type looked at.
    static func checkedInteger(_ sql: String) -> String {
        "(SELECT CASE WHEN typeof(v) = 'real' THEN \(SQLDialect.sqlite.raise("integer overflow")) ELSE v END FROM (SELECT \(sql) AS v))"
    }
}

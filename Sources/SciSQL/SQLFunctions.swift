import SciEngine
import SciLanguage

/// A construct a dialect cannot express with scicity's meaning: refused,
/// never compiled into something that means something else.
public struct SQLRefusal: Error, Sendable {
    public var construct: String
    public var dialect: SQLDialect
    public var reason: String?

    public init(construct: String, dialect: SQLDialect, reason: String? = nil) {
        self.construct = construct
        self.dialect = dialect
        self.reason = reason
    }

    public var message: String {
        "\(construct) cannot be compiled to \(dialect.displayName) SQL" + (reason.map { ": \($0)" } ?? "")
    }
}

/// One argument, compiled: its SQL, its type, and its value when it is a literal.
public struct SQLArgument: Sendable {
    public var sql: String
    public var type: ValueType
    public var literal: Value?
}

/// The SQL of every scalar function, aggregate and operator, keyed by
/// name: one place to add a compilation, and the table the coverage test
/// checks against `Functions.all`, `Aggregates.all` and the operators.
public enum SQLFunctions {
    public typealias Scalar = @Sendable (SQLDialect, [SQLArgument]) throws -> String

    /// White space as Swift's `Character.isWhitespace` knows it for single
    /// scalars (the Unicode White_Space property), for `trim`.
    static let whiteSpace: String = {
        var scalars: [Unicode.Scalar] = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{1680}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        scalars += (0x2000...0x200A).compactMap(Unicode.Scalar.init)
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }()

    public static let scalars: [String: Scalar] = baseScalars.merging(numberScalars) { a, _ in a }.merging(textScalars) { a, _ in a }
        .merging(SQLTime.scalars) { _, time in time }

    static let baseScalars: [String: Scalar] = [
        "lower": { d, a in "lower(\(a[0].sql))" },
        "upper": { d, a in "upper(\(a[0].sql))" },
        // Characters as scicity counts them: extended grapheme clusters.
        "length": { d, a in
            switch d.name {
            case .spark: return "CASE WHEN \(a[0].sql) IS NULL THEN NULL ELSE CAST(size(regexp_extract_all(\(a[0].sql), '(\\\\X)', 1)) AS BIGINT) END"
            default: return "CAST(length_grapheme(\(a[0].sql)) AS BIGINT)"
            }
        },
        "trim": { d, a in
            switch d.name {
            case .spark: return "trim(BOTH \(d.string(whiteSpace)) FROM \(a[0].sql))"
            default: return "trim(\(a[0].sql), \(d.string(whiteSpace)))"
            }
        },
        "round": { d, a in try round(d, a) },
        "abs": { d, a in "abs(\(a[0].sql))" },
        "year": { d, a in d.datePart(.year, d.dateFromDays(d.halve(a[0].sql))) },
        "month": { d, a in d.datePart(.month, d.dateFromDays(d.halve(a[0].sql))) },
        // A date given only to the month has no day.
        "day": { d, a in
            "CASE WHEN (\(a[0].sql) & 1) = 1 THEN NULL ELSE \(d.datePart(.day, d.dateFromDays(d.halve(a[0].sql)))) END"
        },
        "float": { d, a in "CAST(\(a[0].sql) AS DOUBLE)" },
        "coalesce": { d, a in
            let type = common(a)
            return "COALESCE(" + a.map { cast($0, to: type, d) }.joined(separator: ", ") + ")"
        },
        "text": { d, a in
            guard a.count == 2 else { return text(a[0].sql, a[0].type, d) }
            guard !d.isPortable else { throw SQLRefusal(construct: "text with a format", dialect: d, reason: "formats are compiled for DuckDB and Spark only") }
            return try SQLTime.text(d, a)
        },
        "if": { d, a in
            let type = common(Array(a[1...]))
            return "CASE WHEN \(a[0].sql) THEN \(cast(a[1], to: type, d)) ELSE \(cast(a[2], to: type, d)) END"
        },
        "nullif": { d, a in
            let type = common(a)
            return "CASE WHEN \(cast(a[0], to: type, d)) = \(cast(a[1], to: type, d)) THEN \(d.typedNull(a[0].type == .null ? a[1].type : a[0].type)) ELSE \(a[0].sql) END"
        },
        // Both engines skip nulls, and compare text by its bytes.
        "greatest": { d, a in let type = common(a); return "greatest(" + a.map { cast($0, to: type, d) }.joined(separator: ", ") + ")" },
        "least": { d, a in let type = common(a); return "least(" + a.map { cast($0, to: type, d) }.joined(separator: ", ") + ")" },
        "replace": { d, a in "CASE WHEN \(a[1].sql) = '' THEN \(a[0].sql) ELSE replace(\(a[0].sql), \(a[1].sql), \(a[2].sql)) END" },
        "substr": { d, _ in throw characters("substr", d) },
        "left": { d, _ in throw characters("left", d) },
        "right": { d, _ in throw characters("right", d) },
        "position": { d, _ in throw characters("position", d) },
        "reverse": { d, _ in throw characters("reverse", d) },
    ]

    /// The type several arguments share (integers with decimals: decimal;
    /// any number with a float: float), as TypingRules.common.
    static func common(_ arguments: [SQLArgument]) -> ValueType {
        let types = Set(arguments.map(\.type)).subtracting([.null])
        if types == [.integer, .decimal] { return .decimal }
        if types.count > 1, types.allSatisfy(\.isNumeric) { return .float }
        return types.first ?? .null
    }

    /// scicity counts characters as a reader sees them (a letter with its
    /// accents is one); the engines count code points.
    static func characters(_ name: String, _ d: SQLDialect) -> SQLRefusal {
        SQLRefusal(construct: "the function \(name)", dialect: d, reason: "scicity counts characters as a reader sees them (a letter with its accents is one), the engine counts code points")
    }

    /// The argument as `type` (integers widen to decimals; null takes the type).
    static func cast(_ argument: SQLArgument, to type: ValueType, _ d: SQLDialect) -> String {
        if argument.type == type { return argument.sql }
        if argument.type == .null { return d.typedNull(type) }
        if d.exactDecimals, argument.type == .decimal, type == .float {
            // Through its text: correctly rounded, as scicity converts (DuckDB
            // divides its 128-bit units by a power of ten, rounding twice).
            return "CAST(CAST(\(argument.sql) AS \(d.type(.string))) AS \(d.type(.float)))"
        }
        // Elsewhere decimals and floats both travel as doubles.
        if !d.exactDecimals, argument.type == .decimal && type == .float || argument.type == .float && type == .decimal { return argument.sql }
        return "CAST(\(argument.sql) AS \(d.type(type)))"
    }

    /// round(x, digits): half away from zero, computed as scicity does.
    static func round(_ d: SQLDialect, _ a: [SQLArgument]) throws -> String {
        var digits: Int64 = 0
        if a.count == 2 {
            guard case .integer(let n)? = a[1].literal else {
                throw SQLRefusal(construct: "round with digits that are not a literal", dialect: d)
            }
            digits = max(-15, min(15, n))
        }
        let x = a[0].sql
        switch a[0].type {
        case .integer:
            if digits >= 0 { return x }
            var unit: Int64 = 1
            for _ in 0..<Int(-digits) { unit *= 10 }
            let u = d.integer(unit)
            let r = "(\(x) % \(u))"
            return "CASE WHEN abs(\(r)) * 2 >= \(u) THEN (\(x) - \(r)) + CASE WHEN \(x) < 0 THEN -\(u) ELSE \(u) END ELSE \(x) - \(r) END"
        case .decimal where d.exactDecimals:
            // Exact: both engines round a decimal half away from zero.
            return "CAST(round(\(x), \(digits)) AS \(d.type(.decimal)))"
        case .decimal, .float:
            var scale = 1.0
            for _ in 0..<Int(abs(digits)) { scale *= 10 }
            if digits < 0 { scale = 1 / scale }
            let s = d.float(scale)
            // Both engines round a DOUBLE half away from zero; an exact
            // decimal is first brought back to its digits (1.005 × 100 is
            // 100.49999999999999 in binary).
            if a[0].type == .decimal { return "(round(\(roundedToShown("\(x) * \(s)", d))) / \(s))" }
            return "(round(\(x) * \(s)) / \(s))"
        default:
            return x
        }
    }

    /// A value as scicity prints it.
    static func text(_ x: String, _ type: ValueType, _ d: SQLDialect) -> String {
        switch type {
        case .string: return x
        case .null: return d.typedNull(.string)
        case .integer, .bool: return "CAST(\(x) AS \(d.type(.string)))"
        case .decimal: return decimalText(x, d)
        case .float:
            // The shortest text that reads back as the double, whole numbers without ".0".
            return "CASE WHEN \(x) = round(\(x)) AND abs(\(x)) < 1e15 THEN CAST(CAST(\(x) AS BIGINT) AS \(d.type(.string))) ELSE CAST(\(x) AS \(d.type(.string))) END"
        case .date: return renderDate(x, d)
        case .timestamp: return SQLTime.renderTimestamp(x, d)
        }
    }

    /// A decimal as scicity prints it: every digit, never an exponent, no
    /// trailing zeros. On DuckDB and Spark it is a DECIMAL(38, 18), whose
    /// text has every place: the trailing zeros are cut. On PostgreSQL and
    /// SQLite it is a double holding 15 significant digits, printed as such.
    static func decimalText(_ x: String, _ d: SQLDialect) -> String {
        let string = d.type(.string)
        if d.exactDecimals {
            // DECIMAL(38, 18) prints every place: the trailing zeros are cut.
            let trimmed = "regexp_replace(regexp_replace(CAST(\(x) AS \(string)), '0+$', ''), '[.]$', '')"
            return "CASE WHEN \(x) IS NULL THEN NULL WHEN \(x) = 0 THEN '0' ELSE \(trimmed) END"
        }
        switch d.name {
        case .postgres:
            // NUMERIC made from a double keeps 15 digits and prints no exponent.
            return "CASE WHEN \(x) = 0 THEN '0' ELSE CAST(CAST(\(x) AS NUMERIC) AS TEXT) END"
        case .sqlite:
            // SQLite has no decimal type to print through; %.15g writes exponents.
            return "CASE WHEN \(x) = 0 THEN '0' WHEN abs(\(x)) < 1e-4 OR abs(\(x)) >= 1e15 THEN \(d.raise("a decimal this small or large is printed with an exponent by SQLite")) ELSE \(d.formatShown(x)) END"
        default:
            let exact = "CAST(CAST(\(d.formatShown(x)) AS DECIMAL(38, 18)) AS \(string))"
            let trimmed = "regexp_replace(regexp_replace(\(exact), '0+$', ''), '[.]$', '')"
            return "CASE WHEN \(x) IS NULL THEN NULL WHEN \(x) = 0 THEN '0' ELSE \(trimmed) END"
        }
    }

    /// An encoded date (days × 2, plus 1 when given only to the month) as text.
    static func renderDate(_ x: String, _ d: SQLDialect) -> String {
        let date = d.dateFromDays(d.halve(x))
        return "CASE WHEN (\(x) & 1) = 1 THEN \(d.formatDate(date, month: true)) ELSE \(d.formatDate(date, month: false)) END"
    }

    /// Text `2022-06` or `2023-03-27` as an encoded date.
    static func encodeDate(_ text: String, _ d: SQLDialect) -> String {
        let month = "length(\(text)) = 7"
        let day = d.dateFromText("CASE WHEN \(month) THEN \(text) || '-01' ELSE \(text) END")
        return "(\(d.daysOf(day)) * 2 + CASE WHEN \(month) THEN 1 ELSE 0 END)"
    }

    /// A total of decimals right to the digits shown, whatever the order the
    /// engine adds them in: compensated in DuckDB (`kahan_sum`, as scicity
    /// adds); in Spark, exact as DECIMAL(38, 18), or, for values out of that
    /// range, Spark's plain sum.
    static func exactSum(_ x: String, _ d: SQLDialect) -> String {
        switch d.name {
        case .spark:
            let exact = "try_cast(\(x) AS DECIMAL(38, 18))"
            return "CASE WHEN count(\(exact)) = count(\(x)) AND try_sum(\(exact)) IS NOT NULL THEN CAST(try_sum(\(exact)) AS DOUBLE) ELSE sum(\(x)) END"
        default:
            return "kahan_sum(\(x))"
        }
    }

    /// A sum over a window (`over` is its OVER clause): of integers and
    /// decimals on DuckDB and Spark, exact in DECIMAL(38, 18); otherwise
    /// close enough to exact that its 15 significant digits are right
    /// (compensated in DuckDB, plain in Spark), a DOUBLE.
    static func windowSum(_ x: SQLArgument, _ over: String, _ d: SQLDialect) -> String {
        if d.exactDecimals, x.type == .decimal || x.type == .integer { return "sum(CAST(\(x.sql) AS \(d.type(.decimal)))) \(over)" }
        switch d.name {
        case .spark where x.type == .decimal: return "CAST(sum(CAST(\(x.sql) AS DECIMAL(38, 18))) \(over) AS DOUBLE)"
        case .spark: return "sum(CAST(\(x.sql) AS DOUBLE)) \(over)"
        default: return "kahan_sum(CAST(\(x.sql) AS DOUBLE)) \(over)"
        }
    }

    /// `x` rounded to the 15 significant digits scicity shows (sum, avg).
    static func roundedToShown(_ x: String, _ d: SQLDialect) -> String {
        d.roundedToShown(x)
    }

    // MARK: Aggregates

    /// An aggregate's input, as the summarize node prepared it.
    public struct AggregateInput: Sendable {
        /// The argument's column (nil for `count()`).
        public var argument: String?
        public var type: ValueType?
        /// A column true on the first row of each (group, value), for `list`.
        public var firstOfValue: String
        /// The row order column.
        public var order: String
        /// The literal second argument (percentile's fraction, string_agg's separator).
        public var parameter: Value? = nil
        /// Columns giving, per row, how many rows of its group share its
        /// value and the first of them in row order (for `mode`).
        public var valueCount: String = ""
        public var valueFirst: String = ""
    }

    public typealias Aggregate = @Sendable (SQLDialect, AggregateInput) throws -> String

    /// Whether the aggregate needs `firstOfValue` computed.
    public static let needsFirstOfValue: Set<String> = ["list"]

    /// Whether the aggregate needs `valueCount` and `valueFirst` computed.
    public static let needsValueCounts: Set<String> = ["mode"]

    public static let aggregates: [String: Aggregate] = baseAggregates.merging(moreAggregates) { a, _ in a }

    static let baseAggregates: [String: Aggregate] = [
        "count": { d, i in i.argument.map { "count(\($0))" } ?? "count(*)" },
        "count_distinct": { d, i in "count(DISTINCT \(i.argument ?? "NULL"))" },
        "sum": { d, i in
            guard let x = i.argument else { return "NULL" }
            if i.type == .integer {
                // The total must fit; the partial sums may not (scicity adds in 128 bits).
                switch d.name {
                case .spark: return "CAST(sum(CAST(\(x) AS DECIMAL(38, 0))) AS BIGINT)"
                default: return "CAST(sum(CAST(\(x) AS HUGEINT)) AS BIGINT)"
                }
            }
            if i.type == .null { return d.typedNull(.decimal) }
            if d.exactDecimals, i.type == .decimal { return "sum(\(x))" }
            return i.type == .float ? d.roundedToShownFloat(exactSum(x, d)) : roundedToShown(exactSum(x, d), d)
        },
        "avg": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(.decimal) }
            if d.exactDecimals, i.type != .float {
                return SQLDecimals.quotient("sum(CAST(\(x) AS \(d.type(.decimal))))", "count(\(x))", d)
            }
            let mean = "(\(exactSum("CAST(\(x) AS DOUBLE)", d)) / count(\(x)))"
            return i.type == .float ? d.roundedToShownFloat(mean) : roundedToShown(mean, d)
        },
        "min": { d, i in "min(\(i.argument ?? "NULL"))" },
        "max": { d, i in "max(\(i.argument ?? "NULL"))" },
        // The middle value, or the mean of the two middle values: spelled out
        // (an engine's median may interpolate with other arithmetic).
        "median": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(.decimal) }
            let n = "count(\(x))"
            let lo = d.integerDivide("(\(n) + 1)", "2"), hi = d.integerDivide(n, "2") + " + 1"
            if d.exactDecimals, i.type != .float {
                // Exact: the two middle values' sum over 2, as scicity divides.
                let decimal = d.type(.decimal)
                let pair: (String, String)
                switch d.name {
                case .spark:
                    let sorted = "sort_array(collect_list(CAST(\(x) AS \(decimal))))"
                    pair = ("element_at(\(sorted), CAST(\(lo) AS INT))", "element_at(\(sorted), CAST(\(hi) AS INT))")
                default:
                    let sorted = "list_sort(list(CAST(\(x) AS \(decimal))) FILTER (WHERE \(x) IS NOT NULL))"
                    pair = ("\(sorted)[\(lo)]", "\(sorted)[\(hi)]")
                }
                let middle = SQLDecimals.quotient(SQLDecimals.addOrSubtract("+", pair.0, pair.1, d), d.integer(2), d)
                return "CASE WHEN \(n) = 0 THEN NULL ELSE \(middle) END"
            }
            switch d.name {
            case .spark:
                let sorted = "sort_array(collect_list(CAST(\(x) AS DOUBLE)))"
                return "CASE WHEN \(n) = 0 THEN NULL ELSE (element_at(\(sorted), CAST(\(lo) AS INT)) + element_at(\(sorted), CAST(\(hi) AS INT))) / 2 END"
            default:
                let sorted = "list_sort(list(CAST(\(x) AS DOUBLE)) FILTER (WHERE \(x) IS NOT NULL))"
                return "CASE WHEN \(n) = 0 THEN NULL ELSE (\(sorted)[\(lo)] + \(sorted)[\(hi)]) / 2 END"
            }
        },
        // Distinct values as printed, in order of first appearance.
        "list": { d, i in
            guard let x = i.argument, let type = i.type, type != .null else { return d.typedNull(.string) }
            let shown = text(x, type, d)
            let keep = "\(i.firstOfValue) AND \(x) IS NOT NULL"
            switch d.name {
            case .spark:
                let pairs = "array_sort(collect_list(named_struct('o', \(i.order), 't', \(shown))) FILTER (WHERE \(keep)))"
                return "CASE WHEN count(\(x)) = 0 THEN NULL ELSE array_join(transform(\(pairs), p -> p.t), ', ') END"
            default:
                return "CASE WHEN count(\(x)) = 0 THEN NULL ELSE string_agg(\(shown), ', ' ORDER BY \(i.order)) FILTER (WHERE \(keep)) END"
            }
        },
    ]

    // MARK: Operators

    /// Operators by their spelling in scicity; each gets both sides compiled.
    public static let operators: [String: @Sendable (SQLDialect, SQLArgument, SQLArgument) throws -> String] = {
        var table: [String: @Sendable (SQLDialect, SQLArgument, SQLArgument) throws -> String] = [:]
        table["and"] = { _, a, b in "(\(a.sql) AND \(b.sql))" }
        table["or"] = { _, a, b in "(\(a.sql) OR \(b.sql))" }
        for (op, sql) in [("==", "="), ("!=", "<>"), ("<", "<"), ("<=", "<="), (">", ">"), (">=", ">=")] {
            table[op] = { d, a, b in
                // Integers against decimals compare as decimals, as in scicity.
                // A date against a timestamp: its midnight, in seconds.
                if Set([a.type, b.type]) == [.date, .timestamp] {
                    func seconds(_ x: SQLArgument) -> String { x.type == .date ? "(\(d.halve(x.sql)) * 86400)" : x.sql }
                    return "(\(seconds(a)) \(sql) \(seconds(b)))"
                }
                let type = meetingType(a.type, b.type)
                if type == .string { return "(\(d.binaryText(a.sql)) \(sql) \(d.binaryText(b.sql)))" }
                return "(\(cast(a, to: type, d)) \(sql) \(cast(b, to: type, d)))"
            }
        }
        table["contains"] = { d, a, b in
            d.name == .spark ? "(instr(\(a.sql), \(b.sql)) > 0)" : "contains(\(a.sql), \(b.sql))"
        }
        table["startswith"] = { d, a, b in
            d.name == .spark ? "startswith(\(a.sql), \(b.sql))" : "starts_with(\(a.sql), \(b.sql))"
        }
        table["endswith"] = { d, a, b in
            d.name == .spark ? "endswith(\(a.sql), \(b.sql))" : "ends_with(\(a.sql), \(b.sql))"
        }
        table["matches"] = { d, a, b in
            guard case .string(let pattern)? = b.literal, portableRegex(pattern) else {
                throw SQLRefusal(construct: "matches with this pattern", dialect: d,
                                 reason: "only letters, digits, Chinese, spaces and . * + ? | ^ $ ( ) [ ] - are read alike by every engine's regular expressions")
            }
            return d.name == .spark ? "regexp_like(\(a.sql), \(b.sql))" : "regexp_matches(\(a.sql), \(b.sql))"
        }
        table["+"] = { d, a, b in
            if a.type == .string { return "(\(a.sql) || \(b.sql))" }
            if a.type == .date || b.type == .date { return shiftDate(d, a.type == .date ? a : b, a.type == .date ? b : a, subtract: false) }
            return numeric("+", d, a, b)
        }
        table["-"] = { d, a, b in
            if a.type == .date, b.type == .date { return "(\(d.halve(a.sql)) - \(d.halve(b.sql)))" }
            if a.type == .timestamp, b.type == .timestamp { return "(\(a.sql) - \(b.sql))" }
            if a.type == .date { return shiftDate(d, a, b, subtract: true) }
            return numeric("-", d, a, b)
        }
        table["*"] = { d, a, b in
            if d.exactDecimals, numericType(a, b) == .decimal { return SQLDecimals.multiply(a.sql, b.sql, d) }
            return numeric("*", d, a, b)
        }
        // `/` gives a decimal (a float with a float); by zero, null.
        table["/"] = { d, a, b in
            let type = numericType(a, b)
            if d.exactDecimals, type != .float { return SQLDecimals.quotient(a.sql, b.sql, d) }
            let sql = "(\(cast(a, to: .float, d)) / NULLIF(\(cast(b, to: .float, d)), 0))"
            return type == .float ? sql : roundedToShown(sql, d)
        }
        table["%"] = { d, a, b in
            let type = numericType(a, b)
            let zero = type == .integer ? d.integer(0) : type == .decimal && d.exactDecimals ? d.decimal(ExactDecimal(0)) : d.float(0)
            let sql = "(\(cast(a, to: type, d)) % NULLIF(\(cast(b, to: type, d)), \(zero)))"
            return type == .decimal && !d.exactDecimals ? roundedToShown(sql, d) : sql
        }
        return table
    }()

    /// The type two sides are compared or joined as: their own when they
    /// agree; an integer and a decimal as decimals (exactly), any other two
    /// numbers as floats.
    static func meetingType(_ a: ValueType, _ b: ValueType) -> ValueType {
        if a == b { return a }
        guard a.isNumeric, b.isNumeric else { return a }
        return Set([a, b]) == [.integer, .decimal] ? .decimal : .float
    }

    /// Integers stay integers; a float makes a float; else an exact decimal.
    static func numericType(_ a: SQLArgument, _ b: SQLArgument) -> ValueType {
        if a.type == .float || b.type == .float { return .float }
        return a.type == .integer && b.type == .integer ? .integer : .decimal
    }

    /// `+ - *` of numbers. On DuckDB and Spark an exact decimal is the
    /// engine's DECIMAL arithmetic (SQLDecimals); on PostgreSQL and SQLite it
    /// is computed as a DOUBLE and brought back to
    /// the 15 significant digits it has (exact decimals with at most 15
    /// digits then agree with scicity's fixed point to the last digit).
    static func numeric(_ op: String, _ d: SQLDialect, _ a: SQLArgument, _ b: SQLArgument) -> String {
        let type = numericType(a, b)
        if type == .decimal, d.exactDecimals { return SQLDecimals.addOrSubtract(op, cast(a, to: type, d), cast(b, to: type, d), d) }
        let sql = "(\(cast(a, to: type, d)) \(op) \(cast(b, to: type, d)))"
        return type == .decimal ? roundedToShown(sql, d) : sql
    }

    /// A date moved by a number of days: a date to the day, within scicity's range.
    static func shiftDate(_ d: SQLDialect, _ date: String, _ days: SQLArgument, subtract: Bool) -> String {
        shiftDate(d, SQLArgument(sql: date, type: .date), days, subtract: subtract)
    }

    static func shiftDate(_ d: SQLDialect, _ date: SQLArgument, _ days: SQLArgument, subtract: Bool) -> String {
        let moved = "(\(d.halve(date.sql)) \(subtract ? "-" : "+") \(days.sql))"
        return "CASE WHEN abs(\(moved)) >= 536870912 THEN \(d.raise("date out of range")) ELSE \(moved) * 2 END"
    }

    /// A pattern every engine's regular expressions read alike.
    static func portableRegex(_ pattern: String) -> Bool {
        pattern.unicodeScalars.allSatisfy { s in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || " .*+?|^$()[]-_,:;/".unicodeScalars.contains(s)
        }
    }
}

import SciEngine
import SciLanguage

/// Timestamps travel as BIGINT seconds since 1970-01-01T00:00:00, with no
/// time zone anywhere: their parts are computed from the number, and they
/// are read from and printed to text (`2023-03-31T10:33:59`) by arithmetic
/// on days, so neither engine's session time zone can shift them.
extension SQLDialect {
    /// Seconds since midnight of a timestamp (0..<86400, before 1970 too).
    func secondOfDay(_ x: String) -> String {
        name == .spark ? "pmod(\(x), 86400)" : "(((\(x) % 86400) + 86400) % 86400)"
    }

    /// The day (days since 1970-01-01) of a timestamp.
    func dayOfTimestamp(_ x: String) -> String {
        integerDivide("(\(x) - \(secondOfDay(x)))", "86400")
    }

    /// The DATE of a timestamp.
    func dateOfTimestamp(_ x: String) -> String { dateFromDays(dayOfTimestamp(x)) }

    /// A DATE (or, for a timestamp, its day) of an argument of either kind.
    func dateOf(_ a: SQLArgument) -> String {
        a.type == .timestamp ? dateOfTimestamp(a.sql) : dateFromDays(halve(a.sql))
    }

    /// An engine TIMESTAMP (without time zone) of seconds since 1970.
    func engineTimestamp(_ x: String) -> String {
        switch name {
        case .spark:
            let day = dateOfTimestamp(x), s = secondOfDay(x)
            return "make_timestamp_ntz(year(\(day)), month(\(day)), day(\(day)), CAST(\(s) DIV 3600 AS INT), CAST(pmod(\(s) DIV 60, 60) AS INT), CAST(pmod(\(s), 60) AS INT))"
        default:
            return "(CAST(\(dateOfTimestamp(x)) AS TIMESTAMP) + to_seconds(\(secondOfDay(x))))"
        }
    }

    /// Seconds since 1970 of an engine TIMESTAMP (or DATE), by its parts.
    func secondsOf(_ timestamp: String) -> String {
        "(\(daysOf("CAST(\(timestamp) AS DATE)")) * 86400 + CAST(hour(\(timestamp)) AS BIGINT) * 3600 + CAST(minute(\(timestamp)) AS BIGINT) * 60 + CAST(second(\(timestamp)) AS BIGINT))"
    }

    func regexMatches(_ x: String, _ pattern: String) -> String {
        name == .spark ? "regexp_like(\(x), \(string(pattern)))" : "regexp_matches(\(x), \(string(pattern)))"
    }

    /// A valid DATE from year, month and day texts, or NULL (2023-02-30).
    func tryDate(_ y: String, _ m: String, _ day: String) -> String {
        let text = "\(y) || '-' || lpad(\(m), 2, '0') || '-' || lpad(\(day), 2, '0')"
        switch name {
        case .spark: return "CAST(try_to_timestamp(\(text), 'yyyy-MM-dd') AS DATE)"
        default: return "CAST(try_strptime(\(text), '%Y-%m-%d') AS DATE)"
        }
    }
}

/// The SQL of the date and time functions and of reading text as dates
/// and timestamps (`DateText`'s spellings, `DateFormat`'s formats).
enum SQLTime {
    /// Seconds as text, `2023-03-31T10:33:59`.
    static func renderTimestamp(_ x: String, _ d: SQLDialect) -> String {
        let s = d.secondOfDay(x)
        func two(_ n: String) -> String { "lpad(CAST(\(n) AS \(d.type(.string))), 2, '0')" }
        let h = d.integerDivide(s, "3600"), m = "(\(d.integerDivide(s, "60")) % 60)", sec = "(\(s) % 60)"
        return "(\(d.formatDate(d.dateOfTimestamp(x), month: false)) || 'T' || \(two(h)) || ':' || \(two(m)) || ':' || \(two(sec)))"
    }

    static let dayForms = ["[0-9]{4}-[0-9]{2}-[0-9]{2}", "[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}", "[0-9]{4}[.][0-9]{1,2}[.][0-9]{1,2}", "[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"]
    static let monthForms = ["[0-9]{4}-[0-9]{2}", "[0-9]{4}年[0-9]{1,2}月"]

    /// The n-th run of digits of `t` (1-based), as text ('' when absent).
    static func digits(_ t: String, _ n: Int, _ d: SQLDialect) -> String {
        let skip = String(repeating: "[0-9]+[^0-9]+", count: n - 1)
        return "regexp_extract(\(t), \(d.string("^" + skip + "([0-9]+)")), 1)"
    }

    static func trimmed(_ x: String) -> String { "trim(\(x))" }

    /// PostgreSQL and SQLite have no SQL for timestamps written yet.
    static func portableRefusal(_ d: SQLDialect) -> SQLRefusal {
        SQLRefusal(construct: "a timestamp", dialect: d, reason: "timestamps are compiled for DuckDB and Spark only")
    }

    /// PostgreSQL and SQLite read dates written as scicity writes them
    /// (`2023-03-27`, `2022-06`); another spelling a file may hold
    /// (`2023/3/27`, `2023年3月27日`) stops the query with an error rather
    /// than be read some other way.
    static func isoDate(_ x: String, _ d: SQLDialect) -> String {
        "CASE WHEN \(x) IS NULL THEN NULL WHEN length(\(x)) IN (7, 10) AND substr(\(x), 5, 1) = '-' THEN \(SQLFunctions.encodeDate(x, d)) ELSE \(d.raise("a date not written YYYY-MM-DD or YYYY-MM: run this on the built-in engine")) END"
    }

    /// Text as an encoded date by `DateText`'s spellings, or NULL.
    static func parseDate(_ x: String, _ d: SQLDialect) -> String {
        let t = trimmed(x)
        let day = "^(" + dayForms.joined(separator: "|") + ")$"
        let month = "^(" + monthForms.joined(separator: "|") + ")$"
        let y = "substr(\(t), 1, 4)", m = digits(t, 2, d), dd = digits(t, 3, d)
        let daily = "\(d.daysOf(d.tryDate(y, m, dd))) * 2"
        let monthly = "\(d.daysOf(d.tryDate(y, m, "'1'"))) * 2 + 1"
        return "CASE WHEN \(d.regexMatches(t, day)) THEN \(daily) WHEN \(d.regexMatches(t, month)) THEN \(monthly) END"
    }

    /// Text as seconds by `DateText`'s timestamp spellings, or NULL.
    static func parseTimestamp(_ x: String, _ d: SQLDialect) -> String {
        let t = trimmed(x)
        let whole = "^(" + dayForms.joined(separator: "|") + ")([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"
        let y = "substr(\(t), 1, 4)", m = digits(t, 2, d), dd = digits(t, 3, d)
        let time = "regexp_extract(\(t), \(d.string("[T ]([0-9]{2}:[0-9]{2}(:[0-9]{2})?)$")), 1)"
        func part(_ start: Int) -> String { "CAST(CASE WHEN length(\(time)) >= \(start + 1) THEN substr(\(time), \(start), 2) ELSE '0' END AS BIGINT)" }
        let h = part(1), mi = part(4), s = part(7)
        let valid = "\(h) < 24 AND \(mi) < 60 AND \(s) < 60"
        return "CASE WHEN \(d.regexMatches(t, whole)) AND \(valid) THEN \(d.daysOf(d.tryDate(y, m, dd))) * 86400 + \(h) * 3600 + \(mi) * 60 + \(s) END"
    }

    // MARK: Formats

    /// A format as the engine's: DuckDB's strptime/strftime take scicity's
    /// directives as they are; Spark's patterns spell them in letters, with
    /// literal text quoted. What cannot be read alike is refused by name.
    static func pattern(_ format: DateFormat, reading: Bool, _ d: SQLDialect) throws -> String {
        switch d.name {
        case .spark:
            var out = ""
            for piece in format.pieces {
                switch piece {
                case .literal(let s): out += "'" + d.doubling(s, "'") + "'"
                case .year: out += "yyyy"
                case .shortYear:
                    if reading { throw SQLRefusal(construct: "reading %y", dialect: d, reason: "Spark puts two-digit years in 2000-2099, scicity (as DuckDB) 69-99 in the 1900s") }
                    out += "yy"
                case .month: out += reading ? "M" : "MM"
                case .monthName:
                    if reading { throw SQLRefusal(construct: "reading %b", dialect: d, reason: "Spark reads month names by case, scicity in any case") }
                    out += "MMM"
                case .day: out += reading ? "d" : "dd"
                case .dayOfYear:
                    if reading { throw SQLRefusal(construct: "reading %j", dialect: d, reason: "Spark's day of year needs the year first and checks it differently") }
                    out += "DDD"
                case .hour: out += reading ? "H" : "HH"
                case .minute: out += reading ? "m" : "mm"
                case .second: out += reading ? "s" : "ss"
                }
            }
            return d.string(out)
        default:
            var out = ""
            for piece in format.pieces {
                switch piece {
                case .literal(let s): out += d.doubling(s, "%")
                case .year: out += "%Y"
                case .shortYear: out += "%y"
                case .month: out += "%m"
                case .monthName: out += "%b"
                case .day: out += "%d"
                case .dayOfYear: out += "%j"
                case .hour: out += "%H"
                case .minute: out += "%M"
                case .second: out += "%S"
                }
            }
            return d.string(out)
        }
    }

    /// Text read by a format as an engine TIMESTAMP, or NULL.
    static func readWithFormat(_ x: String, _ format: DateFormat, _ d: SQLDialect) throws -> String {
        let p = try pattern(format, reading: true, d)
        switch d.name {
        case .spark: return "try_to_timestamp(\(x), \(p))"
        default: return "try_strptime(\(x), \(p))"
        }
    }

    static func literalFormat(_ a: [SQLArgument], _ d: SQLDialect, _ name: String) throws -> DateFormat? {
        guard a.count > 1 else { return nil }
        guard case .string(let text)? = a[1].literal, let format = try? DateFormat(text) else {
            throw SQLRefusal(construct: "\(name) with a format that is not a literal", dialect: d)
        }
        return format
    }

    static func date(_ d: SQLDialect, _ a: [SQLArgument]) throws -> String {
        switch a[0].type {
        case .timestamp: return "(\(d.dayOfTimestamp(a[0].sql)) * 2)"
        case .date: return a[0].sql
        default: break
        }
        guard let format = try literalFormat(a, d, "date") else { return parseDate(a[0].sql, d) }
        let read = try readWithFormat(a[0].sql, format, d)
        return "(\(d.daysOf("CAST(\(read) AS DATE)")) * 2\(format.readsMonthOnly ? " + 1" : ""))"
    }

    static func timestamp(_ d: SQLDialect, _ a: [SQLArgument]) throws -> String {
        switch a[0].type {
        case .date: return "(\(d.halve(a[0].sql)) * 86400)"
        case .timestamp: return a[0].sql
        default: break
        }
        guard let format = try literalFormat(a, d, "timestamp") else { return parseTimestamp(a[0].sql, d) }
        let read = try readWithFormat(a[0].sql, format, d)
        return d.secondsOf(read)
    }

    /// text(x, format).
    static func text(_ d: SQLDialect, _ a: [SQLArgument]) throws -> String {
        guard case .string(let text)? = a[1].literal else { throw SQLRefusal(construct: "text with a format that is not a literal", dialect: d) }
        switch a[0].type {
        case .date, .timestamp:
            let format = try DateFormat(text)
            let value = a[0].type == .date ? "CAST(\(d.dateOf(a[0])) AS TIMESTAMP)" : d.engineTimestamp(a[0].sql)
            let p = try pattern(format, reading: false, d)
            return d.name == .spark ? "date_format(\(value), \(p))" : "strftime(\(value), \(p))"
        case .integer, .decimal, .float:
            guard let format = NumberFormat(text) else { throw SQLRefusal(construct: "text with the format \(text)", dialect: d) }
            guard d.name != .spark else {
                throw SQLRefusal(construct: "text(number, \"%.Nf\")", dialect: d, reason: "Java rounds the shortest decimal spelling half up, C the exact binary value")
            }
            return "printf('%.\(format.decimals)f', \(SQLFunctions.cast(a[0], to: .float, d)))"
        default:
            return SQLFunctions.text(a[0].sql, a[0].type, d)
        }
    }

    /// number(text[, separator]).
    static func number(_ d: SQLDialect, _ a: [SQLArgument]) -> String {
        var t = trimmed(a[0].sql)
        if case .string(",")? = a.count > 1 ? a[1].literal : nil {
            // Swap the separators: 1.234,5 reads as 1,234.5.
            t = "translate(\(t), '.,', ',.')"
        }
        let shape = "\(d.regexMatches(t, NumberText.pattern)) AND \(d.regexMatches(t, "^[+-]?[.]?[0-9]"))"
        let value = "try_cast(replace(\(t), ',', '') AS DOUBLE)"
        let finite = d.name == .spark ? "NOT isnan(\(value)) AND abs(\(value)) < CAST('Infinity' AS DOUBLE)" : "isfinite(\(value))"
        guard d.exactDecimals else { return "CASE WHEN \(shape) AND \(finite) THEN \(value) END" }
        // Exact: plain digits read as they are, when scicity's decimal holds
        // them (at most 18 places, the units within 64 bits); a number with
        // an exponent through its double's 15 digits, as before.
        let plain = "replace(\(t), ',', '')"
        let places = "length(split_part(\(plain), '.', 2))"
        let units = "regexp_replace(regexp_replace(\(plain), '[^0-9]', ''), '^0+', '')"
        let fits = "\(places) <= 18 AND (length(\(units)) < 19 OR (length(\(units)) = 19 AND \(units) <= '9223372036854775807'))"
        let exact = "CASE WHEN \(fits) THEN try_cast(\(plain) AS \(d.type(.decimal))) END"
        return "CASE WHEN \(shape) AND \(finite) THEN CASE WHEN \(d.regexMatches(plain, "[eE]")) THEN \(d.roundedToShown(value)) ELSE \(exact) END END"
    }

    static func dateTrunc(_ d: SQLDialect, _ a: [SQLArgument]) throws -> String {
        guard case .string(let unit)? = a[1].literal else { throw SQLRefusal(construct: "date_trunc with a unit that is not a literal", dialect: d) }
        let date = d.dateOf(a[0])
        let start: String
        switch d.name {
        case .spark: start = "trunc(\(date), \(d.string(unit.uppercased())))"
        default: start = "CAST(date_trunc(\(d.string(unit)), \(date)) AS DATE)"
        }
        let days = d.daysOf(start)
        if a[0].type == .timestamp { return "(\(days) * 86400)" }
        if unit == "week" { return "CASE WHEN (\(a[0].sql) & 1) = 1 THEN NULL ELSE \(days) * 2 END" }
        return "(\(days) * 2)"
    }

    static func addMonths(_ d: SQLDialect, _ a: [SQLArgument]) -> String {
        let date = d.dateOf(a[0])
        let moved: String
        switch d.name {
        case .spark: moved = "add_months(\(date), CAST(\(a[1].sql) AS INT))"
        default: moved = "CAST(\(date) + to_months(CAST(\(a[1].sql) AS INTEGER)) AS DATE)"
        }
        let days = d.daysOf(moved)
        // Years 0000 to 9999, as the built-in engine allows.
        let inRange = "year(\(moved)) BETWEEN 0 AND 9999"
        let total = "(CAST(year(\(date)) AS BIGINT) * 12 + month(\(date)) - 1 + \(a[1].sql))"
        let guarded = { (value: String) in "CASE WHEN \(total) < 0 OR \(total) >= 120000 THEN \(d.raise("add_months gives a date out of range (years 0000 to 9999)")) WHEN \(inRange) THEN \(value) END" }
        if a[0].type == .timestamp { return guarded("\(days) * 86400 + \(d.secondOfDay(a[0].sql))") }
        return guarded("\(days) * 2 + (\(a[0].sql) & 1)")
    }

    static let scalars: [String: SQLFunctions.Scalar] = [
        "hour": { d, a in d.integerDivide(d.secondOfDay(a[0].sql), "3600") },
        "minute": { d, a in "(\(d.integerDivide(d.secondOfDay(a[0].sql), "60")) % 60)" },
        "second": { d, a in "(\(d.secondOfDay(a[0].sql)) % 60)" },
        "year": { d, a in d.datePart(.year, d.dateOf(a[0])) },
        "month": { d, a in d.datePart(.month, d.dateOf(a[0])) },
        "day": { d, a in
            let day = d.datePart(.day, d.dateOf(a[0]))
            return a[0].type == .timestamp ? day : "CASE WHEN (\(a[0].sql) & 1) = 1 THEN NULL ELSE \(day) END"
        },
        "quarter": { d, a in "CAST(quarter(\(d.dateOf(a[0]))) AS BIGINT)" },
        "weekday": { d, a in
            let day = d.name == .spark ? "CAST(weekday(\(d.dateOf(a[0]))) + 1 AS BIGINT)" : "CAST(isodow(\(d.dateOf(a[0]))) AS BIGINT)"
            return a[0].type == .timestamp ? day : "CASE WHEN (\(a[0].sql) & 1) = 1 THEN NULL ELSE \(day) END"
        },
        "week": { d, a in
            let week = d.name == .spark ? "CAST(weekofyear(\(d.dateOf(a[0]))) AS BIGINT)" : "CAST(week(\(d.dateOf(a[0]))) AS BIGINT)"
            return a[0].type == .timestamp ? week : "CASE WHEN (\(a[0].sql) & 1) = 1 THEN NULL ELSE \(week) END"
        },
        "today": { d, _ in "(\(d.daysOf("current_date")) * 2)" },
        "date_trunc": { d, a in try dateTrunc(d, a) },
        "add_months": { d, a in addMonths(d, a) },
        "number": { d, a in number(d, a) },
        "date": { d, a in try date(d, a) },
        "timestamp": { d, a in try timestamp(d, a) },
    ]
}

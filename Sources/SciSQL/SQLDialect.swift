import SciEngine
import SciLanguage

/// What differs between the SQL engines scicity compiles to: how names and
/// literals are spelled, the names of a few functions, and how files are
/// read. Everything else the compiler writes is one SQL for all of them.
/// Each dialect is one value here; the SQL of each function, aggregate and
/// operator is in `SQLFunctions`, keyed by name.
public struct SQLDialect: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable {
        case duckdb, spark, postgres, sqlite
    }

    public let name: Name

    public static let duckdb = SQLDialect(name: .duckdb)
    public static let spark = SQLDialect(name: .spark)
    public static let postgres = SQLDialect(name: .postgres)
    public static let sqlite = SQLDialect(name: .sqlite)

    public static let all: [SQLDialect] = [.duckdb, .spark, .postgres, .sqlite]

    public static func named(_ text: String) -> SQLDialect? {
        Name(rawValue: text.lowercased()).map(SQLDialect.init(name:))
    }

    /// DuckDB and Spark get every construct scicity can spell; PostgreSQL
    /// and SQLite only those written and checked for them
    /// (`SQLFunctions.scalar(_:in:)`), the rest refused by name.
    public var isPortable: Bool { name == .postgres || name == .sqlite }

    public var displayName: String {
        switch name {
        case .duckdb: return "DuckDB"
        case .spark: return "Spark"
        case .postgres: return "PostgreSQL"
        case .sqlite: return "SQLite"
        }
    }

    // MARK: Names and literals

    public func quote(_ identifier: String) -> String {
        switch name {
        case .spark: return "`" + doubling(identifier, "`") + "`"
        default: return "\"" + doubling(identifier, "\"") + "\""
        }
    }

    /// A text literal. Spark reads backslash escapes in literals; the
    /// others double the quote and take every other character as it is.
    public func string(_ text: String) -> String {
        switch name {
        case .spark:
            var out = "'"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "'"
        default:
            return "'" + doubling(text, "'") + "'"
        }
    }

    public func type(_ type: ValueType) -> String {
        switch type {
        case .integer, .date, .timestamp: return name == .sqlite ? "INTEGER" : "BIGINT"
        // Exact decimals travel as DECIMAL(38, 18) in DuckDB and Spark
        // (SQLDecimals); in PostgreSQL and SQLite as doubles, rounded back
        // to the digits shown after each operation (SQLFunctions.numeric).
        case .decimal where exactDecimals: return SQLDecimals.type
        case .decimal, .float:
            switch name {
            case .postgres: return "DOUBLE PRECISION"
            case .sqlite: return "REAL"
            default: return "DOUBLE"
            }
        case .string, .null:
            switch name {
            case .spark: return "STRING"
            case .postgres, .sqlite: return "TEXT"
            default: return "VARCHAR"
            }
        case .bool: return "BOOLEAN"
        }
    }

    /// Integers are always BIGINT (a bare literal may be a narrower type,
    /// whose arithmetic would overflow sooner).
    public func integer(_ value: Int64) -> String {
        let big = type(.integer)
        if value == .min { return "(CAST(-9223372036854775807 AS \(big)) - 1)" }
        return "CAST(\(value) AS \(big))"
    }

    /// A double, spelled as one (a bare `0.1` is an exact DECIMAL in both
    /// DuckDB and Spark, with other arithmetic).
    public func float(_ value: Double) -> String {
        "CAST('\(value)' AS \(type(.float)))"
    }

    /// Whether decimals travel exactly, as DECIMAL(38, 18): DuckDB and Spark.
    public var exactDecimals: Bool { name == .duckdb || name == .spark }

    public func decimal(_ value: ExactDecimal) -> String {
        "CAST('\(value)' AS \(type(.decimal)))"
    }

    /// Whether window sums of decimals are written for this dialect
    /// (SQLFunctions.windowSum): DuckDB and Spark.
    var sumsDecimals: Bool { name == .duckdb || name == .spark }

    public func typedNull(_ type: ValueType) -> String {
        "CAST(NULL AS \(self.type(type)))"
    }

    /// Text compared by code point (UTF-8 bytes). Spark says so with its
    /// binary collation; DuckDB compares bytes unless a collation is set,
    /// and names no binary collation to set.
    /// PostgreSQL's "C" collation compares bytes; SQLite's default, BINARY, does.
    func binaryText(_ x: String) -> String {
        switch name {
        case .spark: return "(\(x) COLLATE UTF8_BINARY)"
        case .postgres: return "(\(x) COLLATE \"C\")"
        default: return x
        }
    }

    /// Arithmetic shift right by one: the day number of an encoded date.
    func halve(_ x: String) -> String {
        name == .spark ? "shiftright(\(x), 1)" : "(\(x) >> 1)"
    }

    /// A DATE from a number of days since 1970-01-01.
    func dateFromDays(_ days: String) -> String {
        switch name {
        case .spark: return "date_add(DATE '1970-01-01', CAST(\(days) AS INT))"
        // SQLite has no DATE: a day is text, made from a Julian day number.
        case .sqlite: return "date(2440587.5 + \(days))"
        default: return "(DATE '1970-01-01' + CAST(\(days) AS INTEGER))"
        }
    }

    /// Days since 1970-01-01 of a DATE.
    func daysOf(_ date: String) -> String {
        switch name {
        case .spark: return "CAST(datediff(\(date), DATE '1970-01-01') AS BIGINT)"
        case .sqlite: return "CAST(julianday(\(date)) - 2440587.5 AS INTEGER)"
        default: return "CAST(\(date) - DATE '1970-01-01' AS BIGINT)"
        }
    }

    func formatDate(_ date: String, month: Bool) -> String {
        switch name {
        case .spark: return "date_format(\(date), '\(month ? "yyyy-MM" : "yyyy-MM-dd")')"
        case .postgres: return "to_char(\(date), '\(month ? "YYYY-MM" : "YYYY-MM-DD")')"
        case .sqlite: return "strftime('\(month ? "%Y-%m" : "%Y-%m-%d")', \(date))"
        default: return "strftime(\(date), '\(month ? "%Y-%m" : "%Y-%m-%d")')"
        }
    }

    /// An error raised when a row reaches it.
    /// PostgreSQL and SQLite have no such function: PostgreSQL fails to read
    /// the message as a number (the error quotes it); SQLite fails on the
    /// one integer whose absolute value overflows.
    func raise(_ message: String) -> String {
        switch name {
        case .spark: return "raise_error(\(string(message)))"
        // In a subquery, so the planner does not fold it (and fail) before a row needs it.
        case .postgres: return "CAST((SELECT \(string(message))) AS BIGINT)"
        case .sqlite: return "abs(-9223372036854775807 - 1)"
        default: return "error(\(string(message)))"
        }
    }

    /// The statements that make (or remake) a temporary view; SQLite has
    /// no CREATE OR REPLACE.
    public func createView(_ view: String, as select: String) -> [String] {
        switch name {
        case .sqlite: return ["DROP VIEW IF EXISTS \(quote(view))", "CREATE TEMPORARY VIEW \(quote(view)) AS\n\(select)"]
        default: return ["CREATE OR REPLACE TEMPORARY VIEW \(quote(view)) AS\n\(select)"]
        }
    }

    public enum DatePart: String, Sendable { case year, month, day }

    /// A part of a date as a BIGINT.
    func datePart(_ part: DatePart, _ date: String) -> String {
        switch name {
        case .postgres: return "CAST(EXTRACT(\(part.rawValue.uppercased()) FROM \(date)) AS BIGINT)"
        case .sqlite:
            let format: String
            switch part {
            case .year: format = "%Y"
            case .month: format = "%m"
            case .day: format = "%d"
            }
            return "CAST(strftime('\(format)', \(date)) AS INTEGER)"
        default: return "CAST(\(part.rawValue)(\(date)) AS BIGINT)"
        }
    }

    /// Text `2022-06-01` as the dialect's date (SQLite's dates are text).
    func dateFromText(_ text: String) -> String {
        name == .sqlite ? text : "CAST(\(text) AS DATE)"
    }

    /// `x` with `%.15g`: 15 significant digits, as scicity shows decimals.
    func formatShown(_ x: String) -> String {
        switch name {
        case .spark:
            // Java's %g keeps trailing zeros: strip them (and a bare point).
            // and formats null as "null".
            let raw = "format_string('%.15g', \(x))"
            return "CASE WHEN \(x) IS NULL THEN NULL ELSE regexp_replace(regexp_replace(\(raw), '(\\\\.[0-9]*?)0+(e|$)', '$1$2'), '\\\\.(e|$)', '$1') END"
        // A double becomes NUMERIC with 15 significant digits, as %.15g
        // rounds; NUMERIC prints no exponent, so where %.15g writes one
        // (below 1e-4, from 1e15) the query stops rather than print otherwise.
        case .postgres:
            return "CASE WHEN \(x) IS NULL THEN NULL WHEN \(x) <> 0 AND (abs(\(x)) < 1e-4 OR abs(\(x)) >= 1e15) THEN CAST(\(raise("a decimal this small or large is printed with an exponent, which PostgreSQL does not write")) AS TEXT) ELSE CAST(CAST(\(x) AS NUMERIC) AS TEXT) END"
        // SQLite's printf reads a null as zero.
        case .sqlite: return "CASE WHEN \(x) IS NULL THEN NULL ELSE printf('%.15g', \(x)) END"
        default: return "printf('%.15g', \(x))"
        }
    }

    /// A double `x` rounded to the 15 significant digits scicity shows,
    /// as the dialect's decimal (a result scicity computes with doubles and
    /// rounds: a describe mean, a number written with an exponent).
    func roundedToShown(_ x: String) -> String {
        switch name {
        // PostgreSQL rounds a double to 15 digits when it makes it NUMERIC.
        case .postgres: return "CAST(CAST(\(x) AS NUMERIC) AS DOUBLE PRECISION)"
        default: return "CAST(\(formatShown(x)) AS \(type(.decimal)))"
        }
    }

    /// The same, kept a double (a float result: a standard deviation).
    func roundedToShownFloat(_ x: String) -> String {
        switch name {
        case .postgres: return "CAST(CAST(\(x) AS NUMERIC) AS DOUBLE PRECISION)"
        default: return "CAST(\(formatShown(x)) AS \(type(.float)))"
        }
    }

    func integerDivide(_ a: String, _ b: String) -> String {
        switch name {
        case .spark: return "(\(a) DIV \(b))"
        case .postgres, .sqlite: return "(\(a) / \(b))"
        default: return "(\(a) // \(b))"
        }
    }

    /// `text` with every `mark` doubled.
    func doubling(_ text: String, _ mark: Character) -> String {
        var out = ""
        for character in text {
            out.append(character)
            if character == mark { out.append(mark) }
        }
        return out
    }
}

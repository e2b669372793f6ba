import SciLanguage
#if canImport(Glibc)
import Glibc
#endif

/// Dates and timestamps taken apart and moved: the parts of a timestamp,
/// the start of a period, months added, the day of the week. A date given
/// only to the month has no day: what needs one (weekday, week, the week it
/// starts) gives null for it.
extension Functions {
    static let timeFunctions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "hour", signature: "hour(timestamp)", summary: "The hour of a timestamp, 0 to 23.",
            example: #"article | select published, h = hour(published)"#,
            arity: 1...1, typing: TypingRules.timestampPart, evaluate: { try timestampPart($0) { $0 / 3600 } }),
        FunctionDeclaration(
            name: "minute", signature: "minute(timestamp)", summary: "The minute of a timestamp, 0 to 59.",
            example: #"article | select published, m = minute(published)"#,
            arity: 1...1, typing: TypingRules.timestampPart, evaluate: { try timestampPart($0) { $0 / 60 % 60 } }),
        FunctionDeclaration(
            name: "second", signature: "second(timestamp)", summary: "The second of a timestamp, 0 to 59.",
            example: #"article | select published, s = second(published)"#,
            arity: 1...1, typing: TypingRules.timestampPart, evaluate: { try timestampPart($0) { $0 % 60 } }),
        FunctionDeclaration(
            name: "date_trunc", signature: #"date_trunc(date, "week"|"month"|"quarter"|"year")"#,
            summary: "The first day of the period a date (or timestamp) falls in: a date to the day (a timestamp: its midnight). Weeks start on Monday; a date given only to the month has no week (null).",
            example: #"events | where date is not null | select date, month = date_trunc(date, "month"), week = date_trunc(date, "week") | take 4"#,
            arity: 2...2, typing: TypingRules.dateTrunc, evaluate: dateTrunc),
        FunctionDeclaration(
            name: "add_months", signature: "add_months(date, n)",
            summary: "The date (or timestamp) n months later (earlier for n below 0); a day past the new month's end becomes its last day (as DuckDB does). A month date stays a month date.",
            example: #"entities | take 1 | select a = add_months(@2023-01-31, 1), b = add_months(@2024-02-29, -12), c = add_months(@2022-06, 3)"#,
            arity: 2...2, typing: TypingRules.addMonths, evaluate: addMonths),
        FunctionDeclaration(
            name: "today", signature: "today()", summary: "Today's date (UTC), the same for every row of a pipeline.",
            example: #"article | select published, after = today() > date(published)"#,
            arity: 0...0, typing: { _ in .result(.date) }, evaluate: { _ in .scalar(.date(today())) }),
        FunctionDeclaration(
            name: "weekday", signature: "weekday(date)", summary: "The day of the week, 1 (Monday) to 7 (Sunday); null for a date given only to the month.",
            example: #"events | where date is not null | select date, wd = weekday(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { try dayPart($0) { days in Int64(((days % 7) + 7 + 3) % 7 + 1) } }),
        FunctionDeclaration(
            name: "week", signature: "week(date)", summary: "The ISO 8601 week of the year, 1 to 53 (weeks start on Monday; week 1 holds the year's first Thursday); null for a date given only to the month.",
            example: #"events | where date is not null | select date, w = week(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { try dayPart($0, isoWeek) }),
        FunctionDeclaration(
            name: "quarter", signature: "quarter(date)", summary: "The quarter of the year, 1 to 4 (a month date has one).",
            example: #"events | where date is not null | select date, q = quarter(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { try datePart($0) { Int64(($0.month - 1) / 3 + 1) } }),
    ]

    /// Today in UTC, from the system clock.
    static func today() -> DateValue {
        let seconds = Int64(time(nil))
        return DateValue(days: Int32(clamping: CivilTimestamp.split(seconds).days), monthPrecision: false)
    }

    /// ISO week: the week (Monday to Sunday) of the Thursday of the date's week.
    static func isoWeek(_ days: Int64) -> Int64 {
        let weekday = ((days % 7) + 7 + 3) % 7 // 0 = Monday
        let thursday = days - weekday + 3
        let year = CivilDate(days: Int32(clamping: thursday)).year
        let first = Int64(CivilDate(year: year, month: 1, day: 1).days)
        return (thursday - first) / 7 + 1
    }

    static func timestampPart(_ call: FunctionCall, _ part: @escaping (Int64) -> Int64) throws -> Operand {
        try rowWise(call, nullGivesNull: true) { values in
            guard case .timestamp(let t) = values[0] else { throw call.typeError(0, expected: "a timestamp") }
            return .integer(part(t.secondOfDay))
        }
    }

    /// A part of the day a date or timestamp falls on; null for a month date.
    static func dayPart(_ call: FunctionCall, _ part: @escaping (Int64) -> Int64) throws -> Operand {
        try rowWise(call, nullGivesNull: true) { values in
            switch values[0] {
            case .date(let d): return d.isMonthPrecision ? .null : .integer(part(Int64(d.days)))
            case .timestamp(let t): return .integer(part(t.days))
            default: throw call.typeError(0, expected: "a date or a timestamp")
            }
        }
    }

    static func dateTrunc(_ call: FunctionCall) throws -> Operand {
        guard case .scalar(.string(let unit)) = call.arguments[1], ["week", "month", "quarter", "year"].contains(unit) else {
            throw call.typeError(1, expected: #""week", "month", "quarter" or "year""#)
        }
        func start(_ days: Int64) -> Int64 {
            let civil = CivilDate(days: Int32(clamping: days))
            switch unit {
            case "week": return days - ((days % 7) + 7 + 3) % 7
            case "month": return Int64(CivilDate(year: civil.year, month: civil.month, day: 1).days)
            case "quarter": return Int64(CivilDate(year: civil.year, month: (civil.month - 1) / 3 * 3 + 1, day: 1).days)
            default: return Int64(CivilDate(year: civil.year, month: 1, day: 1).days)
            }
        }
        return try rowWise(call, nullGivesNull: true) { values in
            switch values[0] {
            case .date(let d):
                if d.isMonthPrecision, unit == "week" { return .null }
                return .date(DateValue(days: Int32(clamping: start(Int64(d.days))), monthPrecision: false))
            case .timestamp(let t):
                return .timestamp(TimestampValue(seconds: start(t.days) * CivilTimestamp.secondsPerDay))
            default: throw call.typeError(0, expected: "a date or a timestamp")
            }
        }
    }

    static func addMonths(_ call: FunctionCall) throws -> Operand {
        func moved(_ days: Int64, _ n: Int64, keepDay: Bool) throws -> Int64 {
            let civil = CivilDate(days: Int32(clamping: days))
            let (total, overflow) = Int64(civil.year * 12 + civil.month - 1).addingReportingOverflow(n)
            // Years 0000 to 9999, as every date scicity reads.
            guard !overflow, (0..<(10_000 * 12)).contains(total) else {
                throw Diagnostic(message: "add_months gives a date out of range (years 0000 to 9999)", range: call.range)
            }
            let year = Int(total / 12), month = Int(total % 12) + 1
            let day = keepDay ? min(civil.day, CivilDate.daysInMonth(year: year, month: month)) : 1
            return Int64(CivilDate(year: year, month: month, day: day).days)
        }
        return try rowWise(call, nullGivesNull: true) { values in
            guard case .integer(let n) = values[1] else { throw call.typeError(1, expected: "a whole number of months") }
            switch values[0] {
            case .date(let d):
                return .date(DateValue(days: Int32(try moved(Int64(d.days), n, keepDay: !d.isMonthPrecision)), monthPrecision: d.isMonthPrecision))
            case .timestamp(let t):
                return .timestamp(TimestampValue(seconds: try moved(t.days, n, keepDay: true) * CivilTimestamp.secondsPerDay + t.secondOfDay))
            default: throw call.typeError(0, expected: "a date or a timestamp")
            }
        }
    }
}

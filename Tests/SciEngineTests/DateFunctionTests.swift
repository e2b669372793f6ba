import Testing

/// date_trunc, add_months, today, weekday, week, quarter, and days added to
/// or taken from a date: with nulls, month dates and dates out of range.
@Suite struct DateFunctionTests {
    func value(_ expression: String) -> String {
        let out = csv("one | select v = \(expression)")
        guard out.hasPrefix("v\n") else { return out }
        return String(out.dropFirst(2).dropLast())
    }

    @Test func dateTruncToEachUnit() {
        #expect(value(#"date_trunc(@2023-03-31, "week")"#) == "2023-03-27")
        #expect(value(#"date_trunc(@2023-03-26, "week")"#) == "2023-03-20")
        #expect(value(#"date_trunc(@2023-03-31, "month")"#) == "2023-03-01")
        #expect(value(#"date_trunc(@2023-08-31, "quarter")"#) == "2023-07-01")
        #expect(value(#"date_trunc(@2023-03-31, "year")"#) == "2023-01-01")
        #expect(value(#"date_trunc(@2023-03-31T10:33:59, "month")"#) == "2023-03-01T00:00:00")
        #expect(value(#"date_trunc(@1969-12-31T23:59:59, "week")"#) == "1969-12-29T00:00:00")
        #expect(value(#"date_trunc(null, "week")"#) == "")
    }

    @Test func aMonthDateHasNoWeekButHasAMonthQuarterAndYear() {
        #expect(value(#"date_trunc(@2022-06, "week")"#) == "")
        #expect(value(#"date_trunc(@2022-06, "month")"#) == "2022-06-01")
        #expect(value(#"date_trunc(@2022-06, "quarter")"#) == "2022-04-01")
        #expect(value("weekday(@2022-06)") == "")
        #expect(value("week(@2022-06)") == "")
        #expect(value("quarter(@2022-06)") == "2")
    }

    @Test func aBadUnitIsAnErrorBeforeAnythingRuns() {
        #expect(failure(#"one | select v = date_trunc(published, "weeks")"#).hasPrefix(#"date_trunc's unit is "week", "month", "quarter" or "year", not "weeks""#))
        #expect(failure(#"one | select v = date_trunc(published, title)"#).hasPrefix("expected the unit as a literal"))
        #expect(failure(#"one | select v = date_trunc(1, "week")"#) == "expected a date or a timestamp, but this is an integer")
    }

    @Test func addMonthsClampsToTheMonthEnd() {
        #expect(value("add_months(@2023-01-31, 1)") == "2023-02-28")
        #expect(value("add_months(@2024-01-31, 1)") == "2024-02-29")
        #expect(value("add_months(@2024-02-29, -12)") == "2023-02-28")
        #expect(value("add_months(@2023-03-31, -13)") == "2022-02-28")
        #expect(value("add_months(@2022-06, 3)") == "2022-09")
        #expect(value("add_months(@2023-01-31T10:33:59, 1)") == "2023-02-28T10:33:59")
        #expect(value("add_months(@2023-01-31, null)") == "")
        #expect(failure("one | select v = add_months(@2023-01-31, 100000)").hasPrefix("add_months gives a date out of range"))
        #expect(failure("one | select v = add_months(@2023-01-31, -9223372036854775807)").hasPrefix("add_months gives a date out of range"))
    }

    @Test func daysAddedAndTakenAway() {
        #expect(value("@2023-03-01 - 1") == "2023-02-28")
        #expect(value("@2024-03-01 - 1") == "2024-02-29")
        #expect(value("@2023-03-31 + 1") == "2023-04-01")
        #expect(failure("one | select v = @2023-03-01 - 9223372036854775807") == "date out of range")
    }

    @Test func weekdayWeekAndQuarter() {
        #expect(value("weekday(@2023-03-27)") == "1")
        #expect(value("weekday(@2023-04-02)") == "7")
        #expect(value("weekday(@1970-01-01)") == "4")
        #expect(value("weekday(@1969-12-29T12:00:00)") == "1")
        // ISO weeks: 2021-01-03 is in week 53 of 2020; 2024-12-30 in week 1 of 2025.
        #expect(value("week(@2021-01-03)") == "53")
        #expect(value("week(@2021-01-04)") == "1")
        #expect(value("week(@2024-12-30)") == "1")
        #expect(value("week(@2023-01-01)") == "52")
        #expect(value("quarter(@2023-12-31)") == "4")
        #expect(value("quarter(@2023-03-31T23:59:59)") == "1")
        #expect(value("weekday(null)") == "")
    }

    @Test func todayIsARealDateAfterThePublication() {
        #expect(value("today() > published") == "true")
        #expect(value("today() == today()") == "true")
    }
}

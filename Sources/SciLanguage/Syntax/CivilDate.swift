/// A proleptic Gregorian calendar date, converted to and from a day count
/// since 1970-01-01 (Howard Hinnant's algorithms), so that dates sort and
/// subtract as plain integers.
public struct CivilDate: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(days: Int32) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var days: Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads `YYYY-MM-DD` or `YYYY-MM` (month precision); nil when malformed
    /// or not a real date (2023-02-30).
    public static func parse(_ text: some StringProtocol) -> (date: CivilDate, monthPrecision: Bool)? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10 || utf8.count == 7 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = utf8[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard utf8[4] == 45, let year = number(0..<4), let month = number(5..<7), (1...12).contains(month) else { return nil }
        if utf8.count == 7 { return (CivilDate(year: year, month: month, day: 1), true) }
        guard utf8[7] == 45, let day = number(8..<10), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return (CivilDate(year: year, month: month, day: day), false)
    }

    public func text(monthPrecision: Bool) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let head = "\(pad(year, 4))-\(pad(month, 2))"
        return monthPrecision ? head : "\(head)-\(pad(day, 2))"
    }
}

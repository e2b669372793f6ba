import SciLanguage

/// A moment to the second, without a time zone: seconds since
/// 1970-01-01T00:00:00. Kept apart from `DateValue` (which carries a
/// month-precision flag) so each sorts and groups as one integer.
public struct TimestampValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// Years 0000 to 9999, as the literal and every reader can write them.
    public static let range: ClosedRange<Int64> = CivilTimestamp.seconds(days: Int64(CivilDate(year: 0, month: 1, day: 1).days), hour: 0, minute: 0, second: 0)
        ... CivilTimestamp.seconds(days: Int64(CivilDate(year: 9999, month: 12, day: 31).days), hour: 23, minute: 59, second: 59)

    /// Nil outside years 0000 to 9999.
    public init?(checked seconds: Int64) {
        guard Self.range.contains(seconds) else { return nil }
        self.seconds = seconds
    }

    public init(date: DateValue, secondOfDay: Int64 = 0) {
        seconds = Int64(date.days) * CivilTimestamp.secondsPerDay + secondOfDay
    }

    public static func < (a: TimestampValue, b: TimestampValue) -> Bool { a.seconds < b.seconds }

    /// Days since 1970-01-01.
    public var days: Int64 { CivilTimestamp.split(seconds).days }
    /// Seconds since midnight.
    public var secondOfDay: Int64 { CivilTimestamp.split(seconds).second }
    public var civil: CivilDate { CivilDate(days: Int32(clamping: days)) }
    /// The day it falls on, as a date.
    public var date: DateValue { DateValue(days: Int32(clamping: days), monthPrecision: false) }

    public var description: String { CivilTimestamp.text(seconds) }

    public static func parse(_ text: some StringProtocol) -> TimestampValue? {
        CivilTimestamp.parse(text).map(TimestampValue.init(seconds:))
    }
}

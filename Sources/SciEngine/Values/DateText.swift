import SciLanguage

/// The date and timestamp spellings read without a format, by `date(text)`,
/// `timestamp(text)` and the file readers' type inference. Nothing else is
/// read: a text that is none of these is null, never a guess.
///
/// Dates: `2023-03-27` and `2023-03` (ISO 8601, two-digit parts),
/// `2023/3/27` and `2023.3.27` (one or two digits), `2023年3月27日` and
/// `2023年3月` (Chinese). A month-only spelling gives a month date.
/// Timestamps: a date to the day, then `T` or a space and `HH:MM:SS` or
/// `HH:MM` (two digits each); a date alone is its midnight. Surrounding
/// spaces are ignored; a date that is not real (2023-02-30) is null.
public enum DateText {
    /// The parts read from a date spelling; `day` nil for a month date.
    struct Parts {
        var year: Int, month: Int, day: Int?
    }

    public static func date(_ text: some StringProtocol) -> DateValue? {
        let bytes = Array(trimmed(text).utf8)
        guard let (parts, end) = dateParts(bytes, from: 0), end == bytes.count else { return nil }
        return value(parts)
    }

    /// `date(_:)` of UTF-8 bytes (a file's field) without making a String
    /// where they start and end with a digit, so there is nothing to trim.
    public static func date(utf8 field: UnsafeBufferPointer<UInt8>) -> DateValue? {
        guard let first = field.first, let last = field.last, (48...57).contains(first), (48...57).contains(last) else {
            return date(String(decoding: field, as: UTF8.self))
        }
        let bytes = Array(field)
        guard let (parts, end) = dateParts(bytes, from: 0), end == bytes.count else { return nil }
        return value(parts)
    }

    public static func timestamp(_ text: some StringProtocol) -> TimestampValue? {
        let bytes = Array(trimmed(text).utf8)
        guard let (parts, end) = dateParts(bytes, from: 0), parts.day != nil, let date = value(parts) else { return nil }
        if end == bytes.count { return TimestampValue(date: date) }
        guard bytes[end] == UInt8(ascii: "T") || bytes[end] == UInt8(ascii: " ") else { return nil }
        let time = Array(bytes[(end + 1)...])
        guard time.count == 5 || time.count == 8, time[2] == UInt8(ascii: ":"), time.count == 5 || time[5] == UInt8(ascii: ":"),
              let h = digits(time, 0, 2), let m = digits(time, 3, 2), h < 24, m < 60 else { return nil }
        var s = 0
        if time.count == 8 {
            guard let seconds = digits(time, 6, 2), seconds < 60 else { return nil }
            s = seconds
        }
        return TimestampValue(date: date, secondOfDay: Int64(h * 3600 + m * 60 + s))
    }

    /// Without surrounding spaces (as SQL's `trim`).
    static func trimmed(_ text: some StringProtocol) -> Substring {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }

    static func value(_ parts: Parts) -> DateValue? {
        guard (1...12).contains(parts.month) else { return nil }
        guard let day = parts.day else {
            return DateValue(days: CivilDate(year: parts.year, month: parts.month, day: 1).days, monthPrecision: true)
        }
        guard day >= 1, day <= CivilDate.daysInMonth(year: parts.year, month: parts.month) else { return nil }
        return DateValue(days: CivilDate(year: parts.year, month: parts.month, day: day).days, monthPrecision: false)
    }

    /// `count` ASCII digits at `at`, or nil.
    static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.count else { return nil }
        var value = 0
        for i in at..<(at + count) {
            guard (48...57).contains(b[i]) else { return nil }
            value = value * 10 + Int(b[i] - 48)
        }
        return value
    }

    /// One or two digits at `at`: the value and where they end.
    static func shortNumber(_ b: [UInt8], _ at: Int) -> (Int, Int)? {
        guard let first = digits(b, at, 1) else { return nil }
        if let second = digits(b, at + 1, 1) { return (first * 10 + second, at + 2) }
        return (first, at + 1)
    }

    static let year = Array("年".utf8), month = Array("月".utf8), day = Array("日".utf8)

    static func has(_ b: [UInt8], _ at: Int, _ mark: [UInt8]) -> Bool {
        at + mark.count <= b.count && Array(b[at..<(at + mark.count)]) == mark
    }

    /// A date spelling at the start of `b`: its parts and where it ends.
    static func dateParts(_ b: [UInt8], from start: Int) -> (Parts, Int)? {
        guard let y = digits(b, start, 4) else { return nil }
        var i = start + 4
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "-"):
            guard let m = digits(b, i + 1, 2) else { return nil }
            i += 3
            if i < b.count, b[i] == UInt8(ascii: "-") {
                guard let d = digits(b, i + 1, 2), i + 3 == b.count || !(48...57).contains(b[i + 3]) else { return nil }
                return (Parts(year: y, month: m, day: d), i + 3)
            }
            guard i == b.count || !(48...57).contains(b[i]) else { return nil }
            return (Parts(year: y, month: m, day: nil), i)
        case UInt8(ascii: "/"), UInt8(ascii: "."):
            let separator = b[i]
            guard let (m, afterMonth) = shortNumber(b, i + 1), afterMonth < b.count, b[afterMonth] == separator,
                  let (d, end) = shortNumber(b, afterMonth + 1) else { return nil }
            return (Parts(year: y, month: m, day: d), end)
        default:
            guard has(b, i, year), let (m, afterMonth) = shortNumber(b, i + year.count), has(b, afterMonth, month) else { return nil }
            i = afterMonth + month.count
            if let (d, afterDay) = shortNumber(b, i), has(b, afterDay, day) { return (Parts(year: y, month: m, day: d), afterDay + day.count) }
            return (Parts(year: y, month: m, day: nil), i)
        }
    }
}

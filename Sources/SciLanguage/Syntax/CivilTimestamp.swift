/// A moment to the second, without a time zone, as seconds since
/// 1970-01-01T00:00:00 (on the proleptic Gregorian calendar), so that
/// timestamps sort, group and subtract as plain integers.
public enum CivilTimestamp {
    public static let secondsPerDay: Int64 = 86_400

    /// The day (days since 1970-01-01) and the second within it (0..<86400).
    public static func split(_ seconds: Int64) -> (days: Int64, second: Int64) {
        let days = seconds >= 0 ? seconds / secondsPerDay : -((-seconds - 1) / secondsPerDay) - 1
        return (days, seconds - days * secondsPerDay)
    }

    public static func seconds(days: Int64, hour: Int, minute: Int, second: Int) -> Int64 {
        days * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS` (the literal's form); nil when malformed
    /// or not a real date and time.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 19, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " "),
              utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"),
              let (date, month) = CivilDate.parse(String(decoding: utf8[0..<10], as: UTF8.self)), !month else { return nil }
        func number(_ at: Int) -> Int? {
            let a = utf8[at], b = utf8[at + 1]
            guard (48...57).contains(a), (48...57).contains(b) else { return nil }
            return Int(a - 48) * 10 + Int(b - 48)
        }
        guard let h = number(11), let m = number(14), let s = number(17), h < 24, m < 60, s < 60 else { return nil }
        return seconds(days: Int64(date.days), hour: h, minute: m, second: s)
    }

    /// `2023-03-31T10:33:59`: the literal's form, which every reader takes back.
    public static func text(_ seconds: Int64) -> String {
        let (days, second) = split(seconds)
        let date = CivilDate(days: Int32(clamping: days)).text(monthPrecision: false)
        func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))"
    }
}

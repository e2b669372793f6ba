import SciLanguage

/// A strftime-style format for reading and writing dates and timestamps:
/// `%Y` (4-digit year), `%y` (2 digits: 00-68 are 2000-2068, 69-99 are
/// 1969-1999, as POSIX and DuckDB read them), `%m` `%d` `%H` `%M` `%S`
/// (1 or 2 digits read, 2 written), `%b` (Jan to Dec), `%j` (day of the
/// year, 1 to 3 digits read, 3 written), `%%`; any other character stands for
/// itself. Checked once, when the format is given: an unknown directive is
/// an error naming it and where it is.
public struct DateFormat: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        case literal(String)
        case year, shortYear, month, monthName, day, dayOfYear, hour, minute, second
    }

    public let pieces: [Piece]
    public let text: String

    public struct Invalid: Error, Sendable {
        /// Character offset (0-based) of the bad directive in the format.
        public var offset: Int
        public var message: String

        public init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public init(_ text: String) throws {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard c == "%" else { literal.append(c); i += 1; continue }
            guard i + 1 < characters.count else {
                throw Invalid(offset: i, message: "the format \"\(text)\" ends with a lone %; write %% for a percent sign")
            }
            let piece: Piece
            switch characters[i + 1] {
            case "Y": piece = .year
            case "y": piece = .shortYear
            case "m": piece = .month
            case "b": piece = .monthName
            case "d": piece = .day
            case "j": piece = .dayOfYear
            case "H": piece = .hour
            case "M": piece = .minute
            case "S": piece = .second
            case "%": literal.append("%"); i += 2; continue
            default:
                throw Invalid(offset: i, message: "%\(characters[i + 1]) at character \(i + 1) of the format \"\(text)\" is not a format directive; use %Y %m %d %H %M %S %y %b %j or %%")
            }
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
            pieces.append(piece)
            i += 2
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// Why this format cannot read a date, or nil: it needs a year, and a
    /// month or a day of the year, and no part twice.
    public var readingProblem: String? {
        let parts = pieces.filter { if case .literal = $0 { return false }; return true }
        func count(_ kinds: [Piece]) -> Int { parts.filter(kinds.contains).count }
        if count([.year, .shortYear]) != 1 { return "the format \"\(text)\" must give the year once (%Y or %y) to read a date" }
        if count([.month, .monthName, .dayOfYear]) != 1 { return "the format \"\(text)\" must give the month once (%m or %b), or the day of the year (%j), to read a date" }
        if count([.day, .dayOfYear]) > 1 || count([.hour]) > 1 || count([.minute]) > 1 || count([.second]) > 1 {
            return "the format \"\(text)\" gives a part twice"
        }
        return nil
    }

    /// Whether it reads only to the month (no day): such text gives a month date.
    public var readsMonthOnly: Bool { !pieces.contains(.day) && !pieces.contains(.dayOfYear) }

    // MARK: Reading

    /// The timestamp a whole text spells in this format, or nil. A date
    /// that is not real (30 February) is nil.
    public func timestamp(_ text: some StringProtocol) -> (TimestampValue, monthOnly: Bool)? {
        let b = Array(text.utf8)
        var i = 0
        var year: Int?, month: Int?, day = 1, dayOfYear: Int?, hour = 0, minute = 0, second = 0
        func number(max: Int) -> Int? {
            var value = 0, n = 0
            while n < max, i < b.count, (48...57).contains(b[i]) { value = value * 10 + Int(b[i] - 48); i += 1; n += 1 }
            return n == 0 ? nil : value
        }
        for piece in pieces {
            switch piece {
            case .literal(let s):
                let bytes = Array(s.utf8)
                guard i + bytes.count <= b.count, Array(b[i..<(i + bytes.count)]) == bytes else { return nil }
                i += bytes.count
            case .year:
                let start = i
                guard let y = number(max: 4), i - start == 4 else { return nil }
                year = y
            case .shortYear:
                let start = i
                guard let y = number(max: 2), i - start == 2 else { return nil }
                year = y < 69 ? 2000 + y : 1900 + y
            case .month: guard let m = number(max: 2) else { return nil }; month = m
            case .monthName:
                guard i + 3 <= b.count else { return nil }
                let word = String(decoding: b[i..<(i + 3)], as: UTF8.self).lowercased()
                guard let index = Self.monthNames.firstIndex(where: { $0.lowercased() == word }) else { return nil }
                month = index + 1
                i += 3
            case .day: guard let d = number(max: 2) else { return nil }; day = d
            case .dayOfYear: guard let j = number(max: 3) else { return nil }; dayOfYear = j
            case .hour: guard let h = number(max: 2), h < 24 else { return nil }; hour = h
            case .minute: guard let m = number(max: 2), m < 60 else { return nil }; minute = m
            case .second: guard let s = number(max: 2), s < 60 else { return nil }; second = s
            }
        }
        guard i == b.count, let year else { return nil }
        let days: Int64
        if let dayOfYear {
            let length = CivilDate.daysInMonth(year: year, month: 2) == 29 ? 366 : 365
            guard (1...length).contains(dayOfYear) else { return nil }
            days = Int64(CivilDate(year: year, month: 1, day: 1).days) + Int64(dayOfYear - 1)
        } else {
            guard let month, (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
            days = Int64(CivilDate(year: year, month: month, day: day).days)
        }
        return (TimestampValue(seconds: CivilTimestamp.seconds(days: days, hour: hour, minute: minute, second: second)), readsMonthOnly)
    }

    // MARK: Writing

    /// The timestamp in this format (a date is its midnight).
    public func format(_ t: TimestampValue) -> String {
        let civil = t.civil
        let secondOfDay = t.secondOfDay
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(abs(n))
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .year: out += pad(civil.year, 4)
            case .shortYear: out += pad(((civil.year % 100) + 100) % 100, 2)
            case .month: out += pad(civil.month, 2)
            case .monthName: out += Self.monthNames[max(0, min(11, civil.month - 1))]
            case .day: out += pad(civil.day, 2)
            case .dayOfYear: out += pad(Int(civil.days - CivilDate(year: civil.year, month: 1, day: 1).days) + 1, 3)
            case .hour: out += pad(Int(secondOfDay / 3600), 2)
            case .minute: out += pad(Int(secondOfDay / 60 % 60), 2)
            case .second: out += pad(Int(secondOfDay % 60), 2)
            }
        }
        return out
    }
}

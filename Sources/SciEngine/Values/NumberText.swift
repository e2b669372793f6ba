import SciLanguage

/// The number spellings `number(text)` reads, and nothing else: surrounding
/// spaces, a sign, digits with or without thousands separators in groups of
/// three, a decimal separator with digits after it, an exponent. With `.`
/// as the decimal separator the thousands separator is `,` (`1,234.5`);
/// with `,` it is `.` (`1.234,5`).
public enum NumberText {
    /// The pattern a number must match (with `,` thousands and `.` decimals;
    /// the other convention swaps them first), spelled for SQL engines too.
    public static let pattern = "^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)?([.][0-9]+)?([eE][+-]?[0-9]+)?$"

    public static func parse(_ text: some StringProtocol, decimalSeparator: Character = ".") -> Double? {
        // Beyond a double's range is not a number scicity can hold: null.
        guard let plain = plain(text, decimalSeparator: decimalSeparator), let value = Double(plain), value.isFinite else { return nil }
        return value
    }

    /// The number held exactly, as `number()` gives it: nil for anything
    /// that is not a number, or whose digits do not fit a decimal's 18.
    public static func exact(_ text: some StringProtocol, decimalSeparator: Character = ".") -> ExactDecimal? {
        plain(text, decimalSeparator: decimalSeparator).flatMap { ExactDecimal(parsingScientific: $0) }
    }

    /// The number with spaces and thousands separators taken out and `.`
    /// as its decimal separator; nil when it is not one of the spellings.
    static func plain(_ text: some StringProtocol, decimalSeparator: Character) -> String? {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        var b = Array(s.utf8)
        if decimalSeparator == "," {
            b = b.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }
        }
        var i = 0
        func digitRun() -> Int {
            let start = i
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let lead = digitRun()
        var mantissaDigits = lead
        if lead > 0, lead <= 3, i < b.count, b[i] == UInt8(ascii: ",") {
            while i < b.count, b[i] == UInt8(ascii: ",") {
                i += 1
                guard digitRun() == 3 else { return nil }
            }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = digitRun()
            guard fraction > 0 else { return nil }
            mantissaDigits += fraction
        }
        guard mantissaDigits > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digitRun() > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return String(decoding: b.filter { $0 != UInt8(ascii: ",") }, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How floats read. A float is shown whole: the shortest text that reads
/// back as the same double (so a table, an export and a re-import agree),
/// whole numbers without ".0". The sums and means scicity computes in
/// floats are first rounded to 15 significant digits (`roundedToShown`),
/// the digits a double holds for any decimal, so they read short.
public enum DecimalFormat {
    public static func shortest(_ value: Double) -> String {
        // Never shown: such a float is null (see Value.float(checked:)).
        if !value.isFinite { return "" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// `%.15g`: 15 significant digits.
    public static func spreadsheet(_ value: Double) -> String {
        // Never shown: such a float is null (see Value.float(checked:)).
        if !value.isFinite { return "" }
        if value == 0 { return "0" }
        var buffer = [CChar](repeating: 0, count: 40)
        let length = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 40, "%.15g", arguments) }
        }
        let text = String(decoding: buffer.prefix(Int(max(0, min(length, 39)))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text == "-0" ? "0" : text
    }

    /// Rounds to 15 significant digits, the precision shown: sums of
    /// decimal data then compare and group as the user sees them.
    public static func roundedToShown(_ value: Double) -> Double {
        Double(spreadsheet(value)) ?? value
    }
}

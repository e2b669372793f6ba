#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimals are IEEE doubles, shown the way a spreadsheet shows them: to 15
/// significant digits, so the sum of 0.1 and 0.2 reads 0.3, not
/// 0.30000000000000004, and whole numbers have no ".0".
public enum DecimalFormat {
    public static func spreadsheet(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
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

#if canImport(Glibc)
import Glibc
#endif

/// The format `text(number, format)` takes: `%.Nf`, the number rounded to
/// N decimal places (0 to 15) as C's printf rounds it, so `%.2f` of 2.5 is
/// `2.50`, and of 1234.5678 is `1234.57`.
public struct NumberFormat: Sendable, Equatable {
    public let decimals: Int

    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 4, b.count <= 5, b[0] == UInt8(ascii: "%"), b[1] == UInt8(ascii: "."), b.last == UInt8(ascii: "f"),
              let n = Int(String(decoding: b[2..<(b.count - 1)], as: UTF8.self)), (0...15).contains(n) else { return nil }
        decimals = n
    }

    public static let problem = "a number format is %.Nf, with N from 0 to 15 decimal places (\"%.2f\")"

    public func format(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
        guard written > 0 else { return "" }
        return String(decoding: buffer.prefix(min(Int(written), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

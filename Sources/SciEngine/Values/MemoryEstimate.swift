#if canImport(Glibc)
import Glibc
#endif

/// How much memory rows take, for refusing a result that cannot fit before
/// it is built, and sizes as people read them.
public enum MemoryEstimate {
    /// The bytes one row of these columns takes once gathered: the value
    /// (a text column holds a 4-byte code), a null flag, and the row's index.
    public static func bytesPerRow(_ columns: [Column]) -> Int {
        columns.reduce(16) { total, column in
            switch column.storage {
            case .string: return total + 5
            case .bool: return total + 2
            case .date: return total + 5
            case .null: return total + 1
            default: return total + 9
            }
        }
    }

    /// Half of this machine's memory: the default limit.
    public static var defaultLimit: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 4 << 30 }
        return pages * size / 2
    }

    public static func size(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        let tenths = Int((value * 10).rounded())
        return (tenths % 10 == 0 || value >= 100 ? "\(Int(value.rounded()))" : "\(tenths / 10).\(tenths % 10)") + " " + units[unit]
    }

    /// 1234567 as 1,234,567.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + String(result.reversed())
    }

    /// "4GB", "512 MB", "1.5g": bytes, or nil.
    public static func parse(_ text: String) -> Int? {
        let lower = text.lowercased().filter { $0 != " " }
        let units: [(String, Int)] = [("tb", 1 << 40), ("t", 1 << 40), ("gb", 1 << 30), ("g", 1 << 30), ("mb", 1 << 20), ("m", 1 << 20), ("kb", 1 << 10), ("k", 1 << 10), ("b", 1)]
        for (suffix, scale) in units where lower.hasSuffix(suffix) {
            guard let number = Double(lower.dropLast(suffix.count)), number > 0 else { return nil }
            return Int(number * Double(scale))
        }
        return Double(lower).map { Int($0) }
    }
}

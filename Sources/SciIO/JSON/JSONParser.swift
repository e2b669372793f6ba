import SciEngine
import SciLanguage

/// A small strict JSON parser (RFC 8259) with line and column in its errors.
struct JSONParser {
    let bytes: [UInt8]
    let fileName: String
    var i = 0
    var depth = 0

    init(bytes: [UInt8], fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    func error(_ message: String) -> Diagnostic {
        var line = 1, column = 1
        for k in 0..<min(i, bytes.count) {
            if bytes[k] == 10 { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
        }
        return Diagnostic(message: message, location: SourceLocation(source: fileName, line: line, column: column))
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
    }

    /// An array of objects, or objects one after another (JSON Lines),
    /// each object's values added to `rows`.
    mutating func rows(into rows: inout JSONColumns) throws {
        skipSpace()
        if i < bytes.count, bytes[i] == 91 {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == 93 { i += 1; return }
            while true {
                try Cancellation.check(row: rows.rowCount)
                try object(into: &rows)
                skipSpace()
                guard i < bytes.count else { throw error("unterminated array: expected , or ]") }
                if bytes[i] == 44 { i += 1; skipSpace(); continue }
                if bytes[i] == 93 { i += 1; break }
                throw error("expected , or ] after an object")
            }
            skipSpace()
            if i < bytes.count { throw error("unexpected text after the array") }
            return
        }
        while i < bytes.count {
            try Cancellation.check(row: rows.rowCount)
            try object(into: &rows)
            skipSpace()
        }
    }

    mutating func object(into rows: inout JSONColumns) throws {
        guard i < bytes.count, bytes[i] == 123 else { throw error("expected an object {…} for each row") }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == 125 { i += 1; rows.endRow(); return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == 34 else { throw error("expected a key in quotes") }
            let column = try key(&rows)
            skipSpace()
            guard i < bytes.count, bytes[i] == 58 else { throw error("expected : after a key") }
            i += 1
            skipSpace()
            rows.append(try value(), to: column)
            skipSpace()
            guard i < bytes.count else { throw error("unterminated object: expected , or }") }
            if bytes[i] == 44 { i += 1; continue }
            if bytes[i] == 125 { i += 1; rows.endRow(); return }
            throw error("expected , or } in an object")
        }
    }

    /// The column of the key that starts here: compared by its bytes with
    /// the key the previous row had at this place, and made a String only
    /// when it differs or has an escape.
    mutating func key(_ rows: inout JSONColumns) throws -> Int {
        var end = i + 1
        while end < bytes.count, bytes[end] != 34, bytes[end] != 92, bytes[end] >= 32 { end += 1 }
        if end < bytes.count, bytes[end] == 34, let column = rows.predicted(bytes[(i + 1)..<end]) {
            i = end + 1
            return column
        }
        return rows.column(try string())
    }

    mutating func value() throws -> Value {
        guard i < bytes.count else { throw error("expected a value, but the file ended") }
        switch bytes[i] {
        case 34: return .string(try string())
        case 116: try literal("true"); return .bool(true)
        case 102: try literal("false"); return .bool(false)
        case 110: try literal("null"); return .null
        case 45, 48...57: return try number()
        case 91, 123:
            // Nested values are kept as their JSON text.
            let start = i
            try skipNested()
            return .string(String(decoding: bytes[start..<i], as: UTF8.self))
        default: throw error("unexpected character in a value")
        }
    }

    mutating func skipNested() throws {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw error("nested too deeply") }
        let close: UInt8 = bytes[i] == 91 ? 93 : 125
        i += 1
        while i < bytes.count {
            skipSpace()
            guard i < bytes.count else { break }
            if bytes[i] == close { i += 1; return }
            if bytes[i] == 91 || bytes[i] == 123 { try skipNested(); continue }
            if bytes[i] == 34 { _ = try string(); continue }
            i += 1
        }
        throw error("unterminated nested value")
    }

    mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard i + expected.count <= bytes.count, Array(bytes[i..<(i + expected.count)]) == expected else {
            throw error("expected \(word)")
        }
        i += expected.count
    }

    mutating func number() throws -> Value {
        let start = i
        var isDecimal = false
        if bytes[i] == 45 { i += 1 }
        while i < bytes.count {
            let b = bytes[i]
            if b >= 48 && b <= 57 { i += 1; continue }
            if b == 46 || b == 101 || b == 69 || b == 43 || (b == 45 && i > start) { isDecimal = true; i += 1; continue }
            break
        }
        // Up to 18 digits: an integer read from the bytes, as Int64(text) would.
        let digitsStart = bytes[start] == 45 ? start + 1 : start
        if !isDecimal, i > digitsStart, i - digitsStart <= 18 {
            var magnitude: Int64 = 0
            for k in digitsStart..<i { magnitude = magnitude * 10 + Int64(bytes[k] - 48) }
            return .integer(digitsStart > start ? -magnitude : magnitude)
        }
        if isDecimal, !bytes[start..<i].contains(where: { $0 == 101 || $0 == 69 }),
           let exact = bytes.withUnsafeBufferPointer({ ExactDecimal(utf8: UnsafeBufferPointer(rebasing: $0[start..<i])) }) {
            return .decimal(exact)
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if !isDecimal, let integer = Int64(text) { return .integer(integer) }
        if !text.contains(where: { $0 == "e" || $0 == "E" }), let exact = ExactDecimal(parsing: text) { return .decimal(exact) }
        guard let double = Double(text) else { throw error("malformed number \(text)") }
        guard double.isFinite else {
            i = start
            throw error("the number \(text) is out of range (a float holds at most about 1.8e308)")
        }
        return .float(double)
    }

    mutating func string() throws -> String {
        i += 1
        // Most strings have no escape: made straight from their bytes.
        var end = i
        while end < bytes.count, bytes[end] != 34, bytes[end] != 92, bytes[end] >= 32 { end += 1 }
        if end < bytes.count, bytes[end] == 34 {
            let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[i..<end]), as: UTF8.self) }
            i = end + 1
            return text
        }
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == 34 { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == 92 {
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case 110: out.append(10)
                case 116: out.append(9)
                case 114: out.append(13)
                case 98: out.append(8)
                case 102: out.append(12)
                case 117:
                    out.append(contentsOf: try unicodeEscape())
                case 34, 92, 47: out.append(bytes[i])
                default: throw error("unknown escape \\\(Unicode.Scalar(bytes[i]))")
                }
                i += 1
                continue
            }
            if b < 32 { throw error("control character in a string") }
            out.append(b)
            i += 1
        }
        throw error("unterminated string")
    }

    /// `\uXXXX`, or a pair of them for a character beyond the BMP, as
    /// UTF-8. A surrogate without its partner is an error, not a guess.
    mutating func unicodeEscape() throws -> [UInt8] {
        let start = i - 1
        var scalar = try hex4()
        if scalar >= 0xDC00, scalar < 0xE000 {
            i = start
            throw error("a low surrogate \\u\(String(scalar, radix: 16, uppercase: true)) without a high one before it")
        }
        if scalar >= 0xD800, scalar < 0xDC00 {
            guard i + 2 < bytes.count, bytes[i + 1] == 92, bytes[i + 2] == 117 else {
                i = start
                throw error("a high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) without a low one after it")
            }
            i += 2
            let low = try hex4()
            guard low >= 0xDC00, low < 0xE000 else {
                i = start
                throw error("a high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) followed by \\u\(String(low, radix: 16, uppercase: true)), which is not a low one")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let character = Unicode.Scalar(scalar) else {
            i = start
            throw error("\\u\(String(scalar, radix: 16, uppercase: true)) is not a character")
        }
        return Array(String(character).utf8)
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 < bytes.count else { throw error("malformed \\u escape") }
        var value: UInt32 = 0
        for k in 1...4 {
            let c = bytes[i + k]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 97...102: digit = UInt32(c - 87)
            case 65...70: digit = UInt32(c - 55)
            default: throw error("malformed \\u escape")
            }
            value = value * 16 + digit
        }
        i += 4
        return value
    }
}

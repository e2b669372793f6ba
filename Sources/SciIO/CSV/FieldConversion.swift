import SciEngine

/// A column converted while it is read, by the rules of `number()`,
/// `date()` and `timestamp()`: `--type price=number`, `--type n=number:,`
/// (a decimal comma), `--type day=date:%d/%m/%Y`, `--type at=timestamp`.
/// A field that does not convert stops the read, saying where it is.
public enum FieldConversion: Sendable, Equatable {
    case number(decimalSeparator: Character)
    case date(DateFormat?)
    case timestamp(DateFormat?)

    /// Reads `number`, `number:,`, `date:FORMAT`, `timestamp:FORMAT`
    /// (plain `date` and `timestamp` are types, read without a format);
    /// nil when the text is none of these, an error when the format is bad.
    public static func parse(_ text: String) throws -> FieldConversion? {
        if text == "number" { return .number(decimalSeparator: ".") }
        if text == "number:," { return .number(decimalSeparator: ",") }
        if text == "number:." { return .number(decimalSeparator: ".") }
        for (prefix, make) in [("date:", { FieldConversion.date($0) }), ("timestamp:", { FieldConversion.timestamp($0) })] as [(String, (DateFormat) -> FieldConversion)] {
            guard text.hasPrefix(prefix) else { continue }
            let format = try DateFormat(String(text.dropFirst(prefix.count)))
            if let problem = format.readingProblem { throw DateFormat.Invalid(offset: 0, message: problem) }
            return make(format)
        }
        return nil
    }

    public var type: ValueType {
        switch self {
        case .number: return .decimal
        case .date: return .date
        case .timestamp: return .timestamp
        }
    }

    /// As written after `--type COLUMN=`.
    public var spelling: String {
        switch self {
        case .number(let separator): return separator == "," ? "number:," : "number"
        case .date(let format): return format.map { "date:\($0.text)" } ?? "date"
        case .timestamp(let format): return format.map { "timestamp:\($0.text)" } ?? "timestamp"
        }
    }

    /// "a number", "a date in the format %d/%m/%Y": for the error.
    var what: String {
        switch self {
        case .number: return "a number"
        case .date(let format): return format.map { "a date in the format \($0.text)" } ?? "a date"
        case .timestamp(let format): return format.map { "a timestamp in the format \($0.text)" } ?? "a timestamp"
        }
    }

    public func convert(_ text: String) -> Value? {
        switch self {
        case .number(let separator): return NumberText.exact(text, decimalSeparator: separator).map(Value.decimal)
        case .date(let format):
            guard let format else { return DateText.date(text).map(Value.date) }
            guard let (t, monthOnly) = format.timestamp(text), TimestampValue.range.contains(t.seconds) else { return nil }
            return .date(DateValue(days: Int32(clamping: t.days), monthPrecision: monthOnly))
        case .timestamp(let format):
            guard let format else { return DateText.timestamp(text).map(Value.timestamp) }
            guard let (t, _) = format.timestamp(text), TimestampValue.range.contains(t.seconds) else { return nil }
            return .timestamp(t)
        }
    }
}

/// The field texts that mean null (`--null N/A --null -`), compared as bytes.
struct NullTexts: Sendable {
    let spellings: [[UInt8]]

    init(_ texts: [String]) { spellings = texts.map { Array($0.utf8) } }

    func matches(_ b: UnsafeBufferPointer<UInt8>, _ field: CSVScanner.Field) -> Bool {
        guard !spellings.isEmpty else { return false }
        let n = field.end - field.start
        return spellings.contains { spelling in
            spelling.count == n && spelling.withUnsafeBufferPointer { s in (0..<n).allSatisfy { s[$0] == b[field.start + $0] } }
        }
    }
}

extension TypedBuffers {
    /// Appends a value of this buffer's type; false for another type.
    mutating func append(_ value: Value) -> Bool {
        switch (type, value) {
        case (.decimal, .decimal(let x)):
            // At the column's scale, which pass one found from every value.
            guard let at = x.rescaled(to: scale) else { return false }
            decimals.append(at.units)
        case (.date, .date(let d)): dates.append(d)
        case (.timestamp, .timestamp(let t)): timestamps.append(t)
        default: return false
        }
        return true
    }
}

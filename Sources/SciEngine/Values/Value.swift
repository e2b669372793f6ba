import SciLanguage

/// The types a column can have. `null` is the type of a column that holds
/// nothing but nulls (a literal `null`, an empty file column). A `decimal`
/// is exact (fixed point, see `ExactDecimal`); a `float` is a binary double,
/// for what needs range more than exactness (`1e300`, quotients).
public enum ValueType: String, Sendable, CaseIterable {
    case integer, decimal, float, string, date, timestamp, bool, null

    public var isNumeric: Bool { self == .integer || self == .decimal || self == .float }
}

/// A date as the article gives it: to the day, or only to the month.
/// Encoded as `days << 1 | monthFlag`, so one integer comparison sorts by
/// time first (2022-06 sorts with 2022-06-01) and keeps the two apart.
public struct DateValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var encoded: Int32

    public init(days: Int32, monthPrecision: Bool) {
        encoded = days << 1 | (monthPrecision ? 1 : 0)
    }

    public init(encoded: Int32) { self.encoded = encoded }

    public var days: Int32 { encoded >> 1 }
    public var isMonthPrecision: Bool { encoded & 1 == 1 }
    public var civil: CivilDate { CivilDate(days: days) }

    public static func < (a: DateValue, b: DateValue) -> Bool { a.encoded < b.encoded }

    public var description: String { civil.text(monthPrecision: isMonthPrecision) }

    public static func parse(_ text: some StringProtocol) -> DateValue? {
        guard let (date, month) = CivilDate.parse(text) else { return nil }
        return DateValue(days: date.days, monthPrecision: month)
    }
}

/// One value, boxed: for literals, single cells and rendering. Columns never
/// store these; they store plain arrays of each type.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(ExactDecimal)
    case float(Double)
    case string(String)
    case date(DateValue)
    case timestamp(TimestampValue)

    public var type: ValueType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .integer: return .integer
        case .decimal: return .decimal
        case .float: return .float
        case .string: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        }
    }

    public var isNull: Bool { self == .null }

    public init(_ literal: Literal) {
        switch literal {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .integer(let i): self = .integer(i)
        case .decimal(let d): self = .decimal(d)
        case .float(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .date(let days, let month): self = .date(DateValue(days: days, monthPrecision: month))
        case .timestamp(let seconds): self = .timestamp(TimestampValue(seconds: seconds))
        }
    }

    /// How the value reads in a table, a CSV field or a message.
    public var description: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return DecimalFormat.shortest(d)
        case .string(let s): return s
        case .date(let d): return d.description
        case .timestamp(let t): return t.description
        }
    }

    public var asDouble: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d.double
        case .float(let d): return d
        default: return nil
        }
    }
}

extension Value {
    /// A float that is infinite or not a number is null: no output format
    /// ever shows `inf` or `nan` (see "Values and types" in docs/LANGUAGE.md).
    public static func float(checked value: Double) -> Value {
        value.isFinite ? .float(value) : .null
    }

    /// The value as an exact decimal: integers and decimals (nil otherwise).
    public var asExact: ExactDecimal? {
        switch self {
        case .integer(let i): return ExactDecimal(i)
        case .decimal(let d): return d
        default: return nil
        }
    }
}

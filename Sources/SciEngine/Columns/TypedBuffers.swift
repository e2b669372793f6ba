import SciLanguage

/// The typed arrays of a column being filled, one type at a time. Shared by
/// the builders that fill columns row by row (from boxed values, from CSV
/// fields), so a null's placeholder and the final column are made one way.
public struct TypedBuffers: Sendable {
    public let type: ValueType
    public var integers: [Int64] = []
    /// Decimal units at `scale`.
    public var decimals: [Int64] = []
    public var scale = 0
    public var floats: [Double] = []
    public var codes: [Int32] = []
    public var dictionary = StringDictionary()
    public var dates: [DateValue] = []
    public var timestamps: [TimestampValue] = []
    public var bools: [Bool] = []

    /// Room for `capacity` values, the first `placeholders` of them filled
    /// with placeholders (rows that were null before the type was known).
    public init(type: ValueType, capacity: Int = 0, placeholders: Int = 0) {
        self.type = type
        switch type {
        case .integer: integers = [Int64](repeating: 0, count: placeholders); integers.reserveCapacity(capacity)
        case .decimal: decimals = [Int64](repeating: 0, count: placeholders); decimals.reserveCapacity(capacity)
        case .float: floats = [Double](repeating: 0, count: placeholders); floats.reserveCapacity(capacity)
        case .string: codes = [Int32](repeating: 0, count: placeholders); codes.reserveCapacity(capacity)
        case .date: dates = [DateValue](repeating: DateValue(encoded: 0), count: placeholders); dates.reserveCapacity(capacity)
        case .timestamp: timestamps = [TimestampValue](repeating: TimestampValue(seconds: 0), count: placeholders); timestamps.reserveCapacity(capacity)
        case .bool: bools = [Bool](repeating: false, count: placeholders); bools.reserveCapacity(capacity)
        case .null: break
        }
    }

    /// A value under a null flag: never read.
    public mutating func appendPlaceholder() {
        switch type {
        case .integer: integers.append(0)
        case .decimal: decimals.append(0)
        case .float: floats.append(0)
        case .string: codes.append(0)
        case .date: dates.append(DateValue(encoded: 0))
        case .timestamp: timestamps.append(TimestampValue(seconds: 0))
        case .bool: bools.append(false)
        case .null: break
        }
    }

    /// Appends another buffer of the same type (decimals at the same
    /// scale); its text codes are renumbered into this buffer's dictionary.
    public mutating func append(contentsOf other: TypedBuffers) {
        switch type {
        case .integer: integers.append(contentsOf: other.integers)
        case .decimal: decimals.append(contentsOf: other.decimals)
        case .float: floats.append(contentsOf: other.floats)
        case .date: dates.append(contentsOf: other.dates)
        case .timestamp: timestamps.append(contentsOf: other.timestamps)
        case .bool: bools.append(contentsOf: other.bools)
        case .string where !dictionary.isUnique || !other.dictionary.isUnique:
            // A plain list on either side: the arenas are joined, codes move.
            let base = Int32(truncatingIfNeeded: dictionary.appendPlain(all: other.dictionary))
            let limit = Int32(truncatingIfNeeded: other.dictionary.count)
            codes.append(contentsOf: other.codes.map { $0 < limit ? base + $0 : 0 })
        case .string:
            let remap = dictionary.intern(all: other.dictionary)
            // A chunk whose rows are all null has placeholder codes and no
            // strings: its codes stay placeholders.
            codes.append(contentsOf: other.codes.map { Int($0) < remap.count ? remap[Int($0)] : 0 })
        case .null: break
        }
    }

    /// The finished column; `nulls` flags the rows that are null.
    public func column(nulls: [Bool], count: Int) -> Column {
        let mask = nulls.contains(true) ? nulls : nil
        switch type {
        case .integer: return Column(.integer(integers), nulls: mask)
        case .decimal: return Column(.decimal(decimals, scale: scale), nulls: mask)
        case .float: return Column(.float(floats), nulls: mask)
        case .string: return Column(.string(codes: codes, dictionary: dictionary), nulls: mask)
        case .date: return Column(.date(dates), nulls: mask)
        case .timestamp: return Column(.timestamp(timestamps), nulls: mask)
        case .bool: return Column(.bool(bools), nulls: mask)
        case .null: return Column(.null(count: count))
        }
    }
}

import SciLanguage

/// One column of a table: a typed array of values and, where any value is
/// missing, a parallel array of null flags. Values under a null flag are
/// placeholders (0, code 0) and are never read.
public struct Column: Sendable {
    public enum Storage: Sendable {
        case integer([Int64])
        /// Exact decimals: units of 10^-scale, one scale for the column.
        case decimal([Int64], scale: Int)
        case float([Double])
        /// Codes into the dictionary (see `StringDictionary`).
        case string(codes: [Int32], dictionary: StringDictionary)
        case date([DateValue])
        /// Kept apart from decimals and dates: see `TimestampValue`.
        case timestamp([TimestampValue])
        case bool([Bool])
        /// Nothing but nulls.
        case null(count: Int)
    }

    public private(set) var storage: Storage
    /// `nulls[i]` is true where row `i` is null; nil when no row is.
    public var nulls: [Bool]?

    public init(_ storage: Storage, nulls: [Bool]? = nil) {
        // A text column whose every row is null still holds placeholder
        // codes (0); give them a string to point at, so that no code is
        // ever out of range for its dictionary, whoever reads it.
        if case .string(let codes, var dictionary) = storage, dictionary.count == 0, !codes.isEmpty {
            _ = dictionary.intern("")
            self.storage = .string(codes: codes, dictionary: dictionary)
        } else if case .string(let codes, var dictionary) = storage, !dictionary.isUnique, dictionary.memo == nil {
            // A plain list held by a column no longer changes: its interned
            // form, once made, can be shared by every copy.
            dictionary.prepareMemo()
            self.storage = .string(codes: codes, dictionary: dictionary)
        } else {
            self.storage = storage
        }
        self.nulls = nulls.flatMap { $0.contains(true) ? $0 : nil }
    }

    public var type: ValueType {
        switch storage {
        case .integer: return .integer
        case .decimal: return .decimal
        case .float: return .float
        case .string: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        case .bool: return .bool
        case .null: return .null
        }
    }

    public var count: Int {
        switch storage {
        case .integer(let v): return v.count
        case .decimal(let v, _): return v.count
        case .float(let v): return v.count
        case .string(let codes, _): return codes.count
        case .date(let v): return v.count
        case .timestamp(let v): return v.count
        case .bool(let v): return v.count
        case .null(let n): return n
        }
    }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool {
        if case .null = storage { return true }
        return nulls?[row] ?? false
    }

    public subscript(row: Int) -> Value {
        if isNull(row) { return .null }
        switch storage {
        case .integer(let v): return .integer(v[row])
        case .decimal(let v, let scale): return .decimal(ExactDecimal(units: v[row], scale: scale))
        case .float(let v): return .float(v[row])
        case .string(let codes, let dictionary): return .string(dictionary.string(Int(codes[row])))
        case .date(let v): return .date(v[row])
        case .timestamp(let v): return .timestamp(v[row])
        case .bool(let v): return .bool(v[row])
        case .null: return .null
        }
    }

    /// The rows at `indices`, in that order. An index of -1 gives a null row
    /// (used by left joins).
    public func gather(_ indices: [Int]) -> Column {
        var newNulls: [Bool]? = nil
        let hasMissing = indices.contains(-1)
        if nulls != nil || hasMissing {
            newNulls = nulls.map { Parallel.pick($0, indices, true) } ?? indices.map { $0 < 0 }
        }
        // A million rows are gathered on every core.
        @inline(__always) func pick<T>(_ values: [T], _ filler: T) -> [T] {
            Parallel.pick(values, indices, filler)
        }
        switch storage {
        case .integer(let v): return Column(.integer(pick(v, 0)), nulls: newNulls)
        case .decimal(let v, let scale): return Column(.decimal(pick(v, 0), scale: scale), nulls: newNulls)
        case .float(let v): return Column(.float(pick(v, 0)), nulls: newNulls)
        case .string(let codes, let dictionary):
            return Column(.string(codes: pick(codes, 0), dictionary: dictionary), nulls: newNulls)
        case .date(let v): return Column(.date(pick(v, DateValue(encoded: 0))), nulls: newNulls)
        case .timestamp(let v): return Column(.timestamp(pick(v, TimestampValue(seconds: 0))), nulls: newNulls)
        case .bool(let v): return Column(.bool(pick(v, false)), nulls: newNulls)
        case .null: return Column(.null(count: indices.count))
        }
    }

    /// The same values with a dictionary of only the strings in use, when the
    /// column's dictionary is much larger than the column (a few rows of a
    /// million names), so that work done per distinct string stays
    /// proportional to the rows.
    public func compacted() -> Column {
        guard case .string(let codes, let dictionary) = storage, dictionary.count > 4 * codes.count + 64 else { return self }
        var compact = StringDictionary()
        let recoded = codes.map { code in
            Int32(truncatingIfNeeded: dictionary.withBytes(Int(code)) { compact.intern(bytes: $0) })
        }
        return Column(.string(codes: recoded, dictionary: compact), nulls: nulls)
    }

    /// The first `n` rows.
    public func prefix(_ n: Int) -> Column {
        if n >= count { return self }
        return gather(Array(0..<n))
    }

    /// A column of `count` copies of one value.
    public static func repeating(_ value: Value, count: Int) -> Column {
        switch value {
        case .null: return Column(.null(count: count))
        case .bool(let b): return Column(.bool([Bool](repeating: b, count: count)))
        case .integer(let i): return Column(.integer([Int64](repeating: i, count: count)))
        case .decimal(let d): return Column(.decimal([Int64](repeating: d.units, count: count), scale: d.scale))
        case .float(let d): return Column(.float([Double](repeating: d, count: count)))
        case .string(let s):
            var dictionary = StringDictionary()
            _ = dictionary.intern(s)
            return Column(.string(codes: [Int32](repeating: 0, count: count), dictionary: dictionary))
        case .date(let d): return Column(.date([DateValue](repeating: d, count: count)))
        case .timestamp(let t): return Column(.timestamp([TimestampValue](repeating: t, count: count)))
        }
    }

    /// Builds a column from boxed values, choosing the narrowest type that
    /// holds them all: integers widen to decimal, decimals to a common scale
    /// (or to float when one scale cannot hold them); any other mix is an error
    /// the caller reports (nil).
    public static func from(_ values: [Value]) -> Column? {
        var builder = ColumnBuilder()
        for value in values {
            guard builder.append(value) else { return nil }
        }
        return builder.build(count: values.count)
    }
}

extension Column {
    /// The decimal scale of a decimal column (0 for integers and others).
    public var scale: Int {
        if case .decimal(_, let scale) = storage { return scale }
        return 0
    }

    /// A decimal column at a larger scale, or an integer column as a
    /// decimal; nil when a value does not fit 64 bits at that scale.
    public func decimalUnits(scale target: Int) -> [Int64]? {
        let values: [Int64], from: Int
        switch storage {
        case .integer(let v): values = v; from = 0
        case .decimal(let v, let s): values = v; from = s
        default: return nil
        }
        if target == from { return values }
        guard target > from else { return nil }
        let factor = ExactDecimal.powers[target - from]
        var result = [Int64](repeating: 0, count: values.count)
        let nullFlags = nulls
        for i in values.indices {
            if let flags = nullFlags, flags[i] { continue }
            let (value, overflow) = values[i].multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result[i] = value
        }
        return result
    }

    /// The numbers as doubles (integers, decimals and floats).
    public var doubles: [Double]? {
        switch storage {
        case .integer(let v): return v.map(Double.init)
        case .decimal(let v, let scale):
            return v.map { ExactDecimal(units: $0, scale: scale).double }
        case .float(let v): return v
        default: return nil
        }
    }
}

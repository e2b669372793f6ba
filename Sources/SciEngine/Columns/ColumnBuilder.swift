import SciLanguage

/// Accumulates boxed values into a typed column, one row at a time. Used
/// where rows are produced one by one: aggregates, JSON input, literals.
public struct ColumnBuilder {
    private var buffers = TypedBuffers(type: .null)
    private var nulls: [Bool] = []
    /// Strings appended: after `plainTextSample` of them, if more than half
    /// were new, the rest are kept as a plain list (no hash table), as the
    /// CSV reader does; kernels that need codes intern it when they must.
    private var strings = 0
    static let plainTextSample = 16_384

    public init() {}

    /// The bytes of text held so far (each distinct string once).
    var textBytes: Int { buffers.type == .string ? buffers.dictionary.bytes.count : 0 }

    /// Appends one value; false when its type cannot join the column's.
    public mutating func append(_ value: Value) -> Bool {
        if case .null = value {
            buffers.appendPlaceholder()
            nulls.append(true)
            return true
        }
        if buffers.type == .null {
            // Earlier nulls need placeholders in the new storage.
            buffers = TypedBuffers(type: value.type, placeholders: nulls.count)
        }
        widen(for: value)
        switch (buffers.type, value) {
        case (.integer, .integer(let i)): buffers.integers.append(i)
        case (.decimal, .decimal(let d)):
            guard let units = d.rescaled(to: buffers.scale)?.units else { return false }
            buffers.decimals.append(units)
        case (.decimal, .integer(let i)):
            guard let units = ExactDecimal(i).rescaled(to: buffers.scale)?.units else { return false }
            buffers.decimals.append(units)
        case (.float, .float(let d)): buffers.floats.append(d)
        case (.float, .decimal(let d)): buffers.floats.append(d.double)
        case (.float, .integer(let i)): buffers.floats.append(Double(i))
        case (.string, .string(let s)):
            buffers.codes.append(Int32(truncatingIfNeeded: buffers.dictionary.intern(s)))
            strings += 1
            if strings == Self.plainTextSample, buffers.dictionary.isUnique, buffers.dictionary.count * 2 > strings {
                buffers.dictionary.makePlain()
            }
        case (.date, .date(let d)): buffers.dates.append(d)
        case (.timestamp, .timestamp(let t)): buffers.timestamps.append(t)
        case (.bool, .bool(let b)): buffers.bools.append(b)
        default: return false
        }
        nulls.append(false)
        return true
    }

    /// Numbers widen as they come: integers to decimals, decimals to a
    /// larger scale, and to floats when a float comes or when one scale
    /// cannot hold every value in 64 bits.
    private mutating func widen(for value: Value) {
        switch (buffers.type, value) {
        case (.integer, .decimal(let d)):
            var widened = TypedBuffers(type: .decimal)
            widened.scale = d.scale
            var units: [Int64] = []
            units.reserveCapacity(buffers.integers.count + 1)
            for i in buffers.integers {
                guard let u = ExactDecimal(i).rescaled(to: d.scale)?.units else { return toFloat() }
                units.append(u)
            }
            widened.decimals = units
            buffers = widened
        case (.decimal, .decimal(let d)) where d.scale > buffers.scale:
            var units: [Int64] = []
            units.reserveCapacity(buffers.decimals.count + 1)
            for u in buffers.decimals {
                guard let w = ExactDecimal(units: u, scale: buffers.scale).rescaled(to: d.scale)?.units else { return toFloat() }
                units.append(w)
            }
            buffers.decimals = units
            buffers.scale = d.scale
        case (.decimal, .decimal(let d)):
            if d.rescaled(to: buffers.scale) == nil { toFloat() }
        case (.decimal, .integer(let i)):
            if ExactDecimal(i).rescaled(to: buffers.scale) == nil { toFloat() }
        case (.integer, .float), (.decimal, .float):
            toFloat()
        default:
            break
        }
    }

    private mutating func toFloat() {
        var widened = TypedBuffers(type: .float)
        if buffers.type == .integer {
            widened.floats = buffers.integers.map(Double.init)
        } else {
            widened.floats = buffers.decimals.map { ExactDecimal(units: $0, scale: buffers.scale).double }
        }
        buffers = widened
    }

    public func build(count: Int) -> Column {
        buffers.column(nulls: nulls, count: count)
    }
}

import SciLanguage

extension Column {
    /// This column's rows followed by `other`'s, both already of one type
    /// (or nulls): text from both dictionaries is merged into one.
    public func appending(_ other: Column) -> Column {
        let type = self.type == .null ? other.type : self.type
        let a = conformed(to: type), b = other.conformed(to: type)
        var nulls: [Bool]? = nil
        if a.nulls != nil || b.nulls != nil || type == .null {
            nulls = (0..<a.count).map { a.isNull($0) } + (0..<b.count).map { b.isNull($0) }
        }
        switch (a.storage, b.storage) {
        case (.integer(let x), .integer(let y)): return Column(.integer(x + y), nulls: nulls)
        case (.decimal(_, let sx), .decimal(_, let sy)):
            // One scale for both, the larger; a value that cannot take it
            // makes the column float rather than lose digits.
            let scale = max(sx, sy)
            if let x = a.decimalUnits(scale: scale), let y = b.decimalUnits(scale: scale) {
                return Column(.decimal(x + y, scale: scale), nulls: nulls)
            }
            return Column(.float((a.doubles ?? []) + (b.doubles ?? [])), nulls: nulls)
        case (.float(let x), .float(let y)): return Column(.float(x + y), nulls: nulls)
        case (.date(let x), .date(let y)): return Column(.date(x + y), nulls: nulls)
        case (.timestamp(let x), .timestamp(let y)): return Column(.timestamp(x + y), nulls: nulls)
        case (.bool(let x), .bool(let y)): return Column(.bool(x + y), nulls: nulls)
        case (.string(let x, var xd), .string(let y, let yd)) where !xd.isUnique || !yd.isUnique:
            // A plain list on either side: the result is one, its arenas joined.
            let base = Int32(truncatingIfNeeded: xd.appendPlain(all: yd))
            let limit = Int32(truncatingIfNeeded: yd.count)
            return Column(.string(codes: x + y.map { $0 < limit ? base + $0 : 0 }, dictionary: xd), nulls: nulls)
        case (.string(let x, let xd), .string(let y, let yd)):
            var dictionary = xd
            let remap = (0..<yd.count).map { code in
                Int32(truncatingIfNeeded: yd.withBytes(code) { dictionary.intern(bytes: $0) })
            }
            let moved = y.map { Int($0) < remap.count ? remap[Int($0)] : 0 }
            return Column(.string(codes: x + moved, dictionary: dictionary), nulls: nulls)
        default:
            return Column(.null(count: a.count + b.count))
        }
    }
}

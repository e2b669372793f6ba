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
        case (.decimal(let x), .decimal(let y)): return Column(.decimal(x + y), nulls: nulls)
        case (.date(let x), .date(let y)): return Column(.date(x + y), nulls: nulls)
        case (.timestamp(let x), .timestamp(let y)): return Column(.timestamp(x + y), nulls: nulls)
        case (.bool(let x), .bool(let y)): return Column(.bool(x + y), nulls: nulls)
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

import SciLanguage

/// The kinds of join: which rows without a match stay, and whether the
/// right side's columns come out at all.
public enum JoinKind: String, Sendable, CaseIterable {
    case inner, left, right, full, semi, anti

    /// Semi and anti joins give the left side's columns only.
    public var keepsRightColumns: Bool { self != .semi && self != .anti }
}

extension Stages {
    // join [KIND] TABLE on A == B [and C == D …]: a hash join. Rows come out
    // in the left side's order, each with its matches in the right side's
    // order; a right or full join then adds the right rows that matched
    // nothing, in their order. Null keys never match.
    public static func join(_ left: Table, _ right: Table, keys: [(left: Int, right: Int)], kind: JoinKind, fields: [Table.Field],
                            memoryLimit: Int? = nil, range: SourceRange? = nil) throws -> Table {
        let (leftKeys, leftValid, rightKeys, rightValid) = try joinKeys(left, right, keys)

        // One text key: its codes index the left dictionary, so slots are
        // found in an array instead of hashing a million times.
        var codeCount: Int? = nil
        if keys.count == 1, case .string(_, let dictionary) = left.columns[keys[0].left].storage { codeCount = dictionary.count }
        let table = try JoinTable(rightKeys: rightKeys, rightValid: rightValid, codeCount: codeCount)

        // Probed on every core: each range of left rows finds its slots and
        // counts the rows it makes, so the output's size is known before
        // any of it is built.
        let parts = Parallel.ranges(left.rowCount)
        var leftSlot = [Int32](repeating: -1, count: left.rowCount)
        var counts = [Int](repeating: 0, count: parts.count)
        try leftSlot.withUnsafeMutableBufferPointer { leftSlot in
            try counts.withUnsafeMutableBufferPointer { counts in
                let box = Parallel.Box((leftSlot, counts))
                try Parallel.forEach(parts) { part, range, check in
                    let (leftSlot, counts) = box.value
                    var made = 0
                    for row in range {
                        try check(row: row)
                        let found = leftValid[row] ? table.slot(of: leftKeys[row]) : -1
                        leftSlot[row] = found
                        switch kind {
                        case .semi: made += found >= 0 ? 1 : 0
                        case .anti: made += found >= 0 ? 0 : 1
                        case .inner, .right: made += found >= 0 ? table.starts[Int(found) + 1] - table.starts[Int(found)] : 0
                        case .left, .full: made += found >= 0 ? table.starts[Int(found) + 1] - table.starts[Int(found)] : 1
                        }
                    }
                    counts[part] = made
                }
            }
        }
        var rightMatched = [Bool]()
        var unmatchedRight = 0
        if kind == .right || kind == .full {
            var slotMatched = [Bool](repeating: false, count: table.starts.count - 1)
            for slot in leftSlot where slot >= 0 { slotMatched[Int(slot)] = true }
            rightMatched = table.rightSlot.map { $0 >= 0 && slotMatched[Int($0)] }
            unmatchedRight = rightMatched.reduce(0) { $0 + ($1 ? 0 : 1) }
        }
        let rows = counts.reduce(0, +) + unmatchedRight

        // A many-to-many join that cannot fit is refused, not built.
        if let memoryLimit, kind.keepsRightColumns {
            let bytes = rows * MemoryEstimate.bytesPerRow(left.columns + right.columns)
            if bytes > memoryLimit {
                throw Diagnostic(
                    message: "this join would make \(MemoryEstimate.grouped(rows)) rows, about \(MemoryEstimate.size(bytes)), more than the memory limit of \(MemoryEstimate.size(memoryLimit)) (.limit memory); join on more keys or filter first",
                    range: range)
            }
        }

        // Each range writes its rows where the counts before it end.
        var offsets = [0]
        for count in counts { offsets.append(offsets[offsets.count - 1] + count) }
        let withRight = kind.keepsRightColumns
        // Not filled first: every row is written below exactly once (the
        // counts are exact), and filling 20 M rows ahead was a tenth of a
        // second on one core with no look at Ctrl-C.
        var leftRows = Self.unfilledRows(rows)
        var rightRows = Self.unfilledRows(withRight ? rows : 0)
        try leftRows.withUnsafeMutableBufferPointer { leftRows in
            try rightRows.withUnsafeMutableBufferPointer { rightRows in
                let box = Parallel.Box((leftRows, rightRows))
                try Parallel.forEach(parts) { part, range, check in
                    let (leftRows, rightRows) = box.value
                    var at = offsets[part]
                    for row in range {
                        try check(row: row)
                        let found = Int(leftSlot[row])
                        switch kind {
                        case .semi:
                            if found >= 0 { leftRows[at] = row; at += 1 }
                        case .anti:
                            if found < 0 { leftRows[at] = row; at += 1 }
                        case .inner, .left, .right, .full:
                            if found >= 0 {
                                for k in table.starts[found]..<table.starts[found + 1] {
                                    // One left row may match millions (many-to-many).
                                    try check(row: at)
                                    leftRows[at] = row
                                    rightRows[at] = table.members[k]
                                    at += 1
                                }
                            } else if kind == .left || kind == .full {
                                leftRows[at] = row
                                rightRows[at] = -1
                                at += 1
                            }
                        }
                    }
                }
            }
        }
        if unmatchedRight > 0 {
            var at = rows - unmatchedRight
            for row in 0..<right.rowCount where !rightMatched[row] {
                leftRows[at] = -1
                rightRows[at] = row
                at += 1
            }
        }
        var columns = try Table(fields: [], columns: left.columns, rowCount: left.rowCount).gatherChecked(leftRows).columns
        if withRight { columns += try Table(fields: [], columns: right.columns, rowCount: right.rowCount).gatherChecked(rightRows).columns }
        return Table(fields: fields, columns: columns, rowCount: rows)
    }

    /// Room for `count` row numbers that the caller writes every one of.
    static func unfilledRows(_ count: Int) -> [Int] {
        [Int](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Each side's key per row, in one space (equal exactly when all key
    /// columns are equal), and whether the row has a key at all (a null in
    /// any key column never matches).
    static func joinKeys(_ left: Table, _ right: Table, _ keys: [(left: Int, right: Int)]) throws -> ([Int64], [Bool], [Int64], [Bool]) {
        var leftKeys = [Int64](repeating: 0, count: left.rowCount)
        var rightKeys = [Int64](repeating: 0, count: right.rowCount)
        var leftValid = [Bool](repeating: true, count: left.rowCount)
        var rightValid = [Bool](repeating: true, count: right.rowCount)
        // Pairs (key so far, next key) numbered as they first appear, on both
        // sides with one numbering.
        var pairs: [KeyPair: Int64] = [:]
        for (index, key) in keys.enumerated() {
            let a = left.columns[key.left], b = right.columns[key.right]
            let (x, y) = try comparableKeys(a, b)
            try Cancellation.check()
            for row in 0..<left.rowCount where a.isNull(row) { leftValid[row] = false }
            for row in 0..<right.rowCount where b.isNull(row) { rightValid[row] = false }
            if index == 0 {
                leftKeys = x
                rightKeys = y
                continue
            }
            pairs.removeAll(keepingCapacity: true)
            for row in 0..<left.rowCount where leftValid[row] {
                try Cancellation.check(row: row)
                let pair = KeyPair(first: leftKeys[row], second: x[row])
                if let code = pairs[pair] { leftKeys[row] = code } else {
                    let code = Int64(pairs.count)
                    pairs[pair] = code
                    leftKeys[row] = code
                }
            }
            for row in 0..<right.rowCount where rightValid[row] {
                try Cancellation.check(row: row)
                // A pair the left side lacks matches nothing.
                rightKeys[row] = pairs[KeyPair(first: rightKeys[row], second: y[row])] ?? -1 - Int64(row)
            }
        }
        return (leftKeys, leftValid, rightKeys, rightValid)
    }

    struct KeyPair: Hashable {
        var first: Int64
        var second: Int64
    }

    /// Keys of both sides in one space: text is matched by its characters
    /// (the two sides have different dictionaries), numbers by value.
    static func comparableKeys(_ a: Column, _ b: Column) throws -> ([Int64], [Int64]) {
        // Text is matched through hash tables: plain lists are interned.
        let a = try a.interned(), b = try b.interned()
        if case .string(let ac, let ad) = a.storage, case .string(let bc, let bd) = b.storage {
            // Translate the right side's codes into the left's; strings the
            // left side lacks get keys that match nothing.
            let translation = try (0..<bd.count).map { code -> Int64 in
                try Cancellation.check(row: code)
                return bd.withBytes(code) { bytes in ad.code(ofBytes: bytes).map(Int64.init) ?? Int64(-1 - code) }
            }
            return (ac.map(Int64.init), bc.map { Int($0) < translation.count ? translation[Int($0)] : -1 })
        }
        let exact: Set<ValueType> = [.integer, .decimal]
        if exact.contains(a.type), exact.contains(b.type), a.type != b.type || a.type == .decimal {
            // Exact numbers match exactly, at the larger scale.
            let scale = max(a.scale, b.scale)
            if let x = a.decimalUnits(scale: scale), let y = b.decimalUnits(scale: scale) { return (x, y) }
        }
        if a.type.isNumeric, b.type.isNumeric, a.type != b.type || a.type == .decimal || a.type == .float {
            let x = a.doubles ?? [], y = b.doubles ?? []
            return (x.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) }, y.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) })
        }
        if a.type == .null || b.type == .null {
            return ([Int64](repeating: 0, count: a.count), [Int64](repeating: 0, count: b.count))
        }
        return (try SortKeys.orderKeys(a), try SortKeys.orderKeys(b))
    }
}

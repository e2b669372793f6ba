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

        // Right rows grouped by key, laid out contiguously (counting sort).
        var slotOfKey: [Int64: Int] = [:]
        var rightSlot = [Int](repeating: -1, count: right.rowCount)
        // Ctrl-C is looked at every few thousand rows in each loop below.
        for row in 0..<right.rowCount where rightValid[row] {
            try Cancellation.check(row: row)
            let key = rightKeys[row]
            if let slot = slotOfKey[key] { rightSlot[row] = slot } else {
                rightSlot[row] = slotOfKey.count
                slotOfKey[key] = slotOfKey.count
            }
        }
        var starts = [Int](repeating: 0, count: slotOfKey.count + 1)
        for slot in rightSlot where slot >= 0 { starts[slot + 1] += 1 }
        for i in 0..<slotOfKey.count { starts[i + 1] += starts[i] }
        var fill = starts
        var members = [Int](repeating: 0, count: starts[slotOfKey.count])
        for row in 0..<right.rowCount where rightSlot[row] >= 0 {
            try Cancellation.check(row: row)
            members[fill[rightSlot[row]]] = row
            fill[rightSlot[row]] += 1
        }

        // One text key: its codes index the left dictionary, so slots are
        // found in an array instead of hashing a million times.
        var slotByCode: [Int]? = nil
        if keys.count == 1, case .string(_, let dictionary) = left.columns[keys[0].left].storage {
            var table = [Int](repeating: -1, count: dictionary.count)
            for (key, slot) in slotOfKey where key >= 0 && key < Int64(dictionary.count) { table[Int(key)] = slot }
            slotByCode = table
        }
        func slot(_ row: Int) -> Int? {
            guard leftValid[row] else { return nil }
            if let slotByCode {
                let code = Int(leftKeys[row])
                guard code >= 0, code < slotByCode.count else { return nil }
                let found = slotByCode[code]
                return found >= 0 ? found : nil
            }
            return slotOfKey[leftKeys[row]]
        }

        // How many rows the join makes, from the key counts, before any is
        // made: a many-to-many join that cannot fit is refused, not built.
        if let memoryLimit, kind.keepsRightColumns {
            var rows = 0
            for row in 0..<left.rowCount {
                try Cancellation.check(row: row)
                if let found = slot(row) { rows += starts[found + 1] - starts[found] } else if kind == .left || kind == .full { rows += 1 }
            }
            let bytes = rows * MemoryEstimate.bytesPerRow(left.columns + right.columns)
            if bytes > memoryLimit {
                throw Diagnostic(
                    message: "this join would make \(MemoryEstimate.grouped(rows)) rows, about \(MemoryEstimate.size(bytes)), more than the memory limit of \(MemoryEstimate.size(memoryLimit)) (.limit memory); join on more keys or filter first",
                    range: range)
            }
        }
        var leftRows: [Int] = []
        var rightRows: [Int] = []
        leftRows.reserveCapacity(left.rowCount)
        var rightMatched = kind == .right || kind == .full ? [Bool](repeating: false, count: right.rowCount) : []
        for row in 0..<left.rowCount {
            try Cancellation.check(row: row)
            let found = slot(row)
            switch kind {
            case .semi:
                if found != nil { leftRows.append(row) }
            case .anti:
                if found == nil { leftRows.append(row) }
            case .inner, .left, .right, .full:
                if let found {
                    for k in starts[found]..<starts[found + 1] {
                        // One left row may match millions (many-to-many).
                        try Cancellation.check(row: leftRows.count)
                        leftRows.append(row)
                        rightRows.append(members[k])
                        if !rightMatched.isEmpty { rightMatched[members[k]] = true }
                    }
                } else if kind == .left || kind == .full {
                    leftRows.append(row)
                    rightRows.append(-1)
                }
            }
        }
        if kind == .right || kind == .full {
            for row in 0..<right.rowCount where !rightMatched[row] {
                leftRows.append(-1)
                rightRows.append(row)
            }
        }
        var columns = try Table(fields: [], columns: left.columns, rowCount: left.rowCount).gatherChecked(leftRows).columns
        if kind.keepsRightColumns { columns += try Table(fields: [], columns: right.columns, rowCount: right.rowCount).gatherChecked(rightRows).columns }
        return Table(fields: fields, columns: columns, rowCount: leftRows.count)
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

import SciLanguage

extension Stages {
    // join [left] TABLE on LEFT == RIGHT: each incoming row paired with every
    // row of TABLE whose key is equal (a hash join on the smaller side's
    // keys). A left join keeps unmatched rows with nulls. Null keys never
    // match. Names both sides share come out as `table.column`.
    public static func join(_ left: Table, _ right: Table, leftKey leftIndex: Int, rightKey rightIndex: Int, keepUnmatched: Bool, fields: [Table.Field]) throws -> Table {
        let leftKey = left.columns[leftIndex]
        let rightKey = right.columns[rightIndex]
        let (leftKeys, rightKeys) = comparableKeys(leftKey, rightKey)

        // Right rows grouped by key, laid out contiguously (counting sort).
        var slotOfKey: [Int64: Int] = [:]
        var rightSlot = [Int](repeating: -1, count: right.rowCount)
        for row in 0..<right.rowCount where !rightKey.isNull(row) {
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
            members[fill[rightSlot[row]]] = row
            fill[rightSlot[row]] += 1
        }

        var leftRows: [Int] = []
        var rightRows: [Int] = []
        leftRows.reserveCapacity(left.rowCount)
        rightRows.reserveCapacity(left.rowCount)
        // Text keys are codes of the left column's dictionary: look slots up
        // in an array instead of hashing a million times.
        var slotByCode: [Int]? = nil
        if case .string(_, let dictionary) = leftKey.storage {
            var table = [Int](repeating: -1, count: dictionary.count)
            for (key, slot) in slotOfKey where key >= 0 && key < Int64(dictionary.count) { table[Int(key)] = slot }
            slotByCode = table
        }
        func slot(_ row: Int) -> Int? {
            if let slotByCode {
                let found = slotByCode[Int(leftKeys[row])]
                return found >= 0 ? found : nil
            }
            return slotOfKey[leftKeys[row]]
        }
        for row in 0..<left.rowCount {
            if !leftKey.isNull(row), let slot = slot(row) {
                for k in starts[slot]..<starts[slot + 1] {
                    leftRows.append(row)
                    rightRows.append(members[k])
                }
            } else if keepUnmatched {
                leftRows.append(row)
                rightRows.append(-1)
            }
        }

        let columns = left.columns.map { $0.gather(leftRows) } + right.columns.map { $0.gather(rightRows) }
        return Table(fields: fields, columns: columns, rowCount: leftRows.count)
    }

    /// Keys of both sides in one space: text is matched by its characters
    /// (the two sides have different dictionaries), numbers by value.
    static func comparableKeys(_ a: Column, _ b: Column) -> ([Int64], [Int64]) {
        if case .string(let ac, let ad) = a.storage, case .string(let bc, let bd) = b.storage {
            // Translate the right side's codes into the left's; strings the
            // left side lacks get keys that match nothing.
            let translation = (0..<bd.count).map { code -> Int64 in
                bd.withBytes(code) { bytes in ad.code(ofBytes: bytes).map(Int64.init) ?? Int64(-1 - code) }
            }
            return (ac.map(Int64.init), bc.map { translation[Int($0)] })
        }
        if a.type.isNumeric, b.type.isNumeric, a.type != b.type || a.type == .decimal {
            let x = a.doubles ?? [], y = b.doubles ?? []
            return (x.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) }, y.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) })
        }
        return (SortKeys.orderKeys(a), SortKeys.orderKeys(b))
    }
}

/// The right side of a hash join: its rows grouped by key (each key a dense
/// slot; `members[starts[s]..<starts[s + 1]]` are slot s's rows in their
/// order) and a lookup from a key to its slot.
///
/// A text key (one key, the left side's dictionary codes) is looked up in
/// an array indexed by code. Other keys are hashed into partitions, one
/// open-addressing table each, built on every core at once: each core
/// takes the right rows whose hash falls in its partitions.
struct JoinTable {
    var starts: [Int]
    var members: [Int]
    /// Each right row's slot, -1 for a row that can match nothing.
    var rightSlot: [Int32]
    let lookup: Lookup

    enum Lookup {
        case codes([Int32])
        case hashed([Partition])
    }

    /// One partition's open-addressing table of key → slot.
    struct Partition {
        var keys: [Int64]
        var slots: [Int32]
        var mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            keys = [Int64](repeating: 0, count: size)
            slots = [Int32](repeating: -1, count: size)
            mask = size - 1
        }

        @inline(__always)
        func find(_ key: Int64, hash: UInt64) -> Int32 {
            var at = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[at]
                if slot < 0 || keys[at] == key { return slot }
                at = (at + 1) & mask
            }
        }

        /// The key's slot, numbered from `next` if new.
        @inline(__always)
        mutating func insert(_ key: Int64, hash: UInt64, next: inout Int32) -> Int32 {
            var at = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[at]
                if slot < 0 {
                    keys[at] = key
                    slots[at] = next
                    next += 1
                    return slots[at]
                }
                if keys[at] == key { return slot }
                at = (at + 1) & mask
            }
        }
    }

    @inline(__always)
    static func hash(_ key: Int64) -> UInt64 {
        let h = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    /// `codeCount`: the left dictionary's size when the one key is text.
    init(rightKeys: [Int64], rightValid: [Bool], codeCount: Int?) throws {
        let n = rightKeys.count
        var rightSlot = [Int32](repeating: -1, count: n)
        var distinct = 0
        if let codeCount {
            var table = [Int32](repeating: -1, count: codeCount)
            for row in 0..<n where rightValid[row] {
                try Cancellation.check(row: row)
                let key = rightKeys[row]
                // A string the left side lacks has a negative key.
                guard key >= 0, key < Int64(codeCount) else { continue }
                if table[Int(key)] < 0 {
                    table[Int(key)] = Int32(distinct)
                    distinct += 1
                }
                rightSlot[row] = table[Int(key)]
            }
            lookup = .codes(table)
        } else {
            let partitionCount = n < 1 << 15 ? 1 : Parallel.cores
            let partitionOf: (UInt64) -> Int = { Int(($0 >> 40) % UInt64(partitionCount)) }
            var sizes = [Int](repeating: 0, count: partitionCount)
            for row in 0..<n where rightValid[row] { sizes[partitionOf(Self.hash(rightKeys[row]))] += 1 }
            var partitions = sizes.map { Partition(capacity: $0) }
            var counts = [Int32](repeating: 0, count: partitionCount)
            try partitions.withUnsafeMutableBufferPointer { partitions in
                try counts.withUnsafeMutableBufferPointer { counts in
                    try rightSlot.withUnsafeMutableBufferPointer { rightSlot in
                        let box = Parallel.Box((partitions, counts, rightSlot))
                        try Parallel.forEach((0..<partitionCount).map { $0..<$0 + 1 }) { part, _, check in
                            let (partitions, counts, rightSlot) = box.value
                            var next: Int32 = 0
                            for row in 0..<n where rightValid[row] {
                                try check(row: row)
                                let key = rightKeys[row]
                                let h = Self.hash(key)
                                guard partitionOf(h) == part else { continue }
                                rightSlot[row] = partitions[part].insert(key, hash: h, next: &next)
                            }
                            counts[part] = next
                        }
                    }
                }
            }
            // Slots are numbered per partition: offset them into one range.
            var offsets = [Int32](repeating: 0, count: partitionCount + 1)
            for part in 0..<partitionCount { offsets[part + 1] = offsets[part] + counts[part] }
            for row in 0..<n where rightSlot[row] >= 0 {
                rightSlot[row] += offsets[partitionOf(Self.hash(rightKeys[row]))]
            }
            for part in 0..<partitionCount where offsets[part] != 0 {
                for k in partitions[part].slots.indices where partitions[part].slots[k] >= 0 { partitions[part].slots[k] += offsets[part] }
            }
            distinct = Int(offsets[partitionCount])
            lookup = .hashed(partitions)
        }
        // Rows laid out slot by slot (a counting sort keeps their order).
        var starts = [Int](repeating: 0, count: distinct + 1)
        for slot in rightSlot where slot >= 0 { starts[Int(slot) + 1] += 1 }
        for i in 0..<distinct { starts[i + 1] += starts[i] }
        var fill = starts
        var members = [Int](repeating: 0, count: starts[distinct])
        for row in 0..<n where rightSlot[row] >= 0 {
            try Cancellation.check(row: row)
            let slot = Int(rightSlot[row])
            members[fill[slot]] = row
            fill[slot] += 1
        }
        self.starts = starts
        self.members = members
        self.rightSlot = rightSlot
    }

    /// The slot of a left key, -1 when no right row has it.
    @inline(__always)
    func slot(of key: Int64) -> Int32 {
        switch lookup {
        case .codes(let table):
            return key >= 0 && key < Int64(table.count) ? table[Int(key)] : -1
        case .hashed(let partitions):
            let h = Self.hash(key)
            return partitions[Int((h >> 40) % UInt64(partitions.count))].find(key, hash: h)
        }
    }
}

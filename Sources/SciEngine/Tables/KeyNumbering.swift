/// Numbers 64-bit keys 0, 1, 2, … in order of first appearance: an
/// open-addressing hash table (linear probing, at most half full) used by
/// grouping in place of a `[Int64: Int32]`. It exists for Ctrl-C: when a
/// Swift dictionary of millions of keys grows, it rehashes them all in one
/// step of a few hundred milliseconds that no check can enter; this table
/// moves its keys in a loop that looks at Ctrl-C as it goes.
struct KeyNumbering {
    private var keys: [Int64]
    /// The number of the key in the same slot; -1 for an empty slot.
    private var numbers: [Int32]
    private var shift: Int
    private(set) var count = 0

    init() {
        keys = [Int64](repeating: 0, count: 1024)
        numbers = [Int32](repeating: -1, count: 1024)
        shift = 64 - 10
    }

    /// The key's number, and whether it was new (it then takes `count`).
    @inline(__always)
    mutating func number(_ key: Int64) throws -> (number: Int32, isNew: Bool) {
        if (count + 1) * 2 > numbers.count { try grow() }
        var slot = Self.slot(key, shift)
        let mask = numbers.count - 1
        while true {
            let found = numbers[slot]
            if found < 0 {
                let number = Int32(truncatingIfNeeded: count)
                numbers[slot] = number
                keys[slot] = key
                count += 1
                return (number, true)
            }
            if keys[slot] == key { return (found, false) }
            slot = (slot + 1) & mask
        }
    }

    /// Fibonacci hashing: the top bits of the key times 2^64 / φ.
    @inline(__always)
    private static func slot(_ key: Int64, _ shift: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// Twice the slots, the keys moved over with a look at Ctrl-C every few
    /// thousand (an interrupted grouping is thrown away whole).
    private mutating func grow() throws {
        let oldKeys = keys, oldNumbers = numbers
        let size = numbers.count * 2
        keys = [Int64](repeating: 0, count: size)
        numbers = [Int32](repeating: -1, count: size)
        shift -= 1
        let mask = size - 1
        for index in oldNumbers.indices {
            try Cancellation.check(row: index)
            guard oldNumbers[index] >= 0 else { continue }
            var slot = Self.slot(oldKeys[index], shift)
            while numbers[slot] >= 0 { slot = (slot + 1) & mask }
            numbers[slot] = oldNumbers[index]
            keys[slot] = oldKeys[index]
        }
    }
}

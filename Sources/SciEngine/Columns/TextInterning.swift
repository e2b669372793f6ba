import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folds the repeats of a plain list of strings into a unique dictionary,
/// numbering the strings in order of first appearance (as interning them one
/// by one would), so every kernel sees the same codes either way.
///
/// Partitioned, so that the work runs on every core and each hash table is
/// small enough to stay in cache: the strings are hashed (in parallel),
/// split into partitions by their hash's top bits, and each partition finds
/// its repeats in a table of its own (in parallel). A last pass in row order
/// numbers the first occurrences and copies their bytes once.
enum TextInterning {
    static let partitionBits = 8

    /// Throws `Interrupted` on Ctrl-C (looked at between the passes).
    static func intern(_ list: StringDictionary) throws -> (remap: [Int32], dictionary: StringDictionary) {
        let (first, hashes) = try firstOccurrences(list)
        try Cancellation.check()
        return try number(list, first, hashes)
    }

    /// Each code's lowest code with the same bytes (itself for the first
    /// occurrence), and every string's hash: passes 1 to 3 of `intern`,
    /// all `describe` needs.
    static func firstOccurrences(_ list: StringDictionary) throws -> (first: [Int32], hashes: [UInt64]) {
        let n = list.count
        let workers = min(8, Parallel.cores)
        // Pass 1: every string's hash, a range per core.
        var hashes = [UInt64](repeating: 0, count: n)
        list.bytes.withUnsafeBufferPointer { all in
            list.offsets.withUnsafeBufferPointer { offsets in
                hashes.withUnsafeMutableBufferPointer { hashes in
                    let box = UnsafeShare((all, offsets, hashes))
                    let parts = n < 1 << 15 ? 1 : workers * 4
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let (all, offsets, hashes) = box.value
                        for code in (n * part / parts)..<(n * (part + 1) / parts) {
                            hashes[code] = StringDictionary.hash(UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]]))
                        }
                    }
                }
            }
        }
        try Cancellation.check()
        // Pass 2: codes and their hashes grouped by partition, in code order
        // within each, so the next pass reads them in order.
        let partitions = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        var starts = [Int](repeating: 0, count: partitions + 1)
        for h in hashes { starts[Int(h >> shift) + 1] += 1 }
        for p in 0..<partitions { starts[p + 1] += starts[p] }
        var fill = starts
        var grouped = [Entry](repeating: Entry(hash: 0, code: 0, length: 0, head: 0, tail: 0), count: n)
        try list.bytes.withUnsafeBufferPointer { all in
            try list.offsets.withUnsafeBufferPointer { offsets in
                try hashes.withUnsafeBufferPointer { hashes in
                    try grouped.withUnsafeMutableBufferPointer { grouped in
                        for code in 0..<n {
                            try Cancellation.check(row: code)
                            let h = hashes[code]
                            let p = Int(h >> shift)
                            grouped[fill[p]] = Entry(hash: h, code: code, all, offsets[code], offsets[code + 1])
                            fill[p] += 1
                        }
                    }
                }
            }
        }
        try Cancellation.check()
        // Pass 3: in each partition, each code's first equal (itself when new).
        var first = [Int32](repeating: 0, count: n)
        list.bytes.withUnsafeBufferPointer { all in
            list.offsets.withUnsafeBufferPointer { offsets in
                grouped.withUnsafeBufferPointer { grouped in
                    first.withUnsafeMutableBufferPointer { first in
                        let box = UnsafeShare((all, offsets, grouped, first, starts))
                        let jobs = n < 1 << 15 ? 1 : partitions
                        // Each of the 256 partitions looks at Ctrl-C before
                        // its work (the workers cannot see the task-local).
                        let check = Parallel.Check(current: Cancellation.current)
                        DispatchQueue.concurrentPerform(iterations: jobs) { job in
                            guard (try? check(row: 0)) != nil else { return }
                            let (all, offsets, grouped, first, starts) = box.value
                            let range = jobs == 1 ? 0..<n : starts[job]..<starts[job + 1]
                            findRepeats(range, all, offsets, grouped, first)
                        }
                    }
                }
            }
        }
        // A partition skipped for Ctrl-C left its firsts unset: never used.
        try Cancellation.check()
        return (first, hashes)
    }

    static func number(_ list: StringDictionary, _ first: [Int32], _ hashes: [UInt64]) throws -> (remap: [Int32], dictionary: StringDictionary) {
        let n = list.count
        // Pass 4: number the first occurrences in code order, copying their
        // bytes once; a repeat takes its first's number.
        var remap = [Int32](repeating: 0, count: n)
        var unique = StringDictionary()
        var uniqueHashes: [UInt64] = []
        var distinctBytes = 0, distinct = 0
        for code in 0..<n where Int(first[code]) == code {
            distinct += 1
            distinctBytes += list.offsets[code + 1] - list.offsets[code]
        }
        unique.bytes.reserveCapacity(distinctBytes)
        unique.offsets.reserveCapacity(distinct + 1)
        uniqueHashes.reserveCapacity(distinct)
        try list.bytes.withUnsafeBufferPointer { all in
            try list.offsets.withUnsafeBufferPointer { offsets in
                try remap.withUnsafeMutableBufferPointer { remap in
                    for code in 0..<n {
                        try Cancellation.check(row: code)
                        let earlier = Int(first[code])
                        if earlier == code {
                            remap[code] = Int32(truncatingIfNeeded: unique.offsets.count - 1)
                            unique.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]]))
                            unique.offsets.append(unique.bytes.count)
                            uniqueHashes.append(hashes[code])
                        } else {
                            remap[code] = remap[earlier]
                        }
                    }
                }
            }
        }
        unique.adoptHashes(uniqueHashes)
        return (remap, unique)
    }

    /// A string's hash and code, as the partitions hold them, with its
    /// length and first sixteen bytes (zero-padded): two strings of at most
    /// sixteen bytes are compared without reading the arena.
    struct Entry {
        var hash: UInt64
        var code: Int32
        var length: Int32
        var head: UInt64
        var tail: UInt64

        init(hash: UInt64, code: Int32, length: Int32, head: UInt64, tail: UInt64) {
            self.hash = hash
            self.code = code
            self.length = length
            self.head = head
            self.tail = tail
        }

        @inline(__always)
        init(hash: UInt64, code: Int, _ all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            var words: (UInt64, UInt64) = (0, 0)
            var i = start
            while i < min(end, start + 8) {
                words.0 |= UInt64(all[i]) << UInt64(8 * (i - start))
                i += 1
            }
            while i < min(end, start + 16) {
                words.1 |= UInt64(all[i]) << UInt64(8 * (i - start - 8))
                i += 1
            }
            self.init(hash: hash, code: Int32(truncatingIfNeeded: code), length: Int32(truncatingIfNeeded: end - start),
                      head: words.0, tail: words.1)
        }

        /// Same bytes, as far as the entries tell: exactly, when the strings
        /// are at most sixteen bytes long; otherwise the arena says.
        @inline(__always)
        func sameStart(_ other: Entry) -> Bool {
            hash == other.hash && length == other.length && head == other.head && tail == other.tail
        }
    }

    /// The entries `grouped[range]` (one partition, in code order): each
    /// code's `first` is the lowest code with the same bytes. The table
    /// holds hashes too, so a new string's bytes are never read: only a
    /// string whose whole hash matches is compared.
    static func findRepeats(_ range: Range<Int>, _ all: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int>,
                            _ grouped: UnsafeBufferPointer<Entry>, _ first: UnsafeMutableBufferPointer<Int32>) {
        var capacity = 16
        while capacity < range.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        // Each slot: a first occurrence's entry, code -1 when empty.
        var slots = [Entry](repeating: Entry(hash: 0, code: -1, length: 0, head: 0, tail: 0), count: capacity)
        slots.withUnsafeMutableBufferPointer { slots in
            for k in range {
                let entry = grouped[k]
                let code = Int(entry.code)
                // The partition took the top bits: index by the low ones.
                var slot = Int(truncatingIfNeeded: entry.hash) & mask
                while true {
                    let held = slots[slot]
                    if held.code < 0 {
                        slots[slot] = entry
                        first[code] = entry.code
                        break
                    }
                    if held.sameStart(entry) {
                        let other = Int(held.code)
                        if entry.length <= 16 || StringDictionary.equal(all, offsets[other], offsets[other + 1], UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]])) {
                            first[code] = held.code
                            break
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}

/// Buffers handed to worker threads that read them, or write each its own
/// indices only.
struct UnsafeShare<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

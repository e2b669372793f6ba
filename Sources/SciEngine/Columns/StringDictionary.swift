/// The distinct strings of a text column, each stored once as UTF-8 bytes in
/// one arena and numbered in order of first appearance. A text column is an
/// array of these numbers (codes), so filtering, grouping, joining and
/// sorting work on integers and touch each distinct string once.
public struct StringDictionary: Sendable {
    /// All strings' UTF-8 bytes, back to back.
    public private(set) var bytes: [UInt8] = []
    /// Start of string `i` is `offsets[i]`, its end `offsets[i + 1]`.
    public private(set) var offsets: [Int] = [0]
    /// Open-addressing hash table of codes; -1 marks an empty slot.
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)
    private var hashes: [UInt64] = []

    public init() {}

    public var count: Int { offsets.count - 1 }

    public func string(_ code: Int) -> String {
        String(decoding: bytes[offsets[code]..<offsets[code + 1]], as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of string `code`, without copying.
    @inline(__always)
    public func withBytes<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]]))
        }
    }

    /// FNV-1a over 8 bytes at a time, then a final mix: fast on short keys.
    @inline(__always)
    static func hash(_ buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(buffer.count)
        var i = 0
        let n = buffer.count
        while i + 8 <= n {
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(buffer[i + k]) << (8 * UInt64(k)) }
            h = (h ^ word) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(buffer[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    public func code(ofBytes buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(buffer)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        return bytes.withUnsafeBufferPointer { all -> Int? in
            while true {
                let code = Int(slots[slot])
                if code < 0 { return nil }
                if hashes[code] == h, Self.equal(all, offsets[code], offsets[code + 1], buffer) { return code }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    static func equal(_ all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard end - start == other.count else { return false }
        var i = 0
        while i < other.count {
            if all[start + i] != other[i] { return false }
            i += 1
        }
        return true
    }

    public mutating func intern(_ string: String) -> Int {
        var copy = string
        return copy.withUTF8 { intern(bytes: $0) }
    }

    /// The code of these bytes, adding them if they are new.
    public mutating func intern(bytes buffer: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Self.hash(buffer)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: Int? = bytes.withUnsafeBufferPointer { all in
            while true {
                let code = Int(slots[slot])
                if code < 0 { return nil }
                if hashes[code] == h, Self.equal(all, offsets[code], offsets[code + 1], buffer) { return code }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let code = count
        bytes.append(contentsOf: buffer)
        offsets.append(bytes.count)
        hashes.append(h)
        slots[slot] = Int32(truncatingIfNeeded: code)
        if count * 2 > slots.count {
            grow()
            mask = slots.count - 1
        }
        return code
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for code in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(truncatingIfNeeded: code)
        }
        slots = newSlots
    }

    /// Compares two strings by Unicode code points, which for UTF-8 is the
    /// order of their bytes: deterministic for Chinese, independent of locale.
    public func compare(_ a: Int, _ b: Int) -> Int {
        bytes.withUnsafeBufferPointer { all in
            Self.compareBytes(all, offsets[a], offsets[a + 1], all, offsets[b], offsets[b + 1])
        }
    }

    @inline(__always)
    static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ xs: Int, _ xe: Int, _ y: UnsafeBufferPointer<UInt8>, _ ys: Int, _ ye: Int) -> Int {
        let n = min(xe - xs, ye - ys)
        var i = 0
        while i < n {
            let a = x[xs + i]
            let b = y[ys + i]
            if a != b { return a < b ? -1 : 1 }
            i += 1
        }
        return (xe - xs) - (ye - ys)
    }

    /// Each code's position in code-point order: sorting by rank sorts by text.
    public func ranks() throws -> [Int32] {
        var order = Array(0..<count)
        var comparisons = 0
        try bytes.withUnsafeBufferPointer { all in
            try order.sort { a, b in
                try Cancellation.check(row: comparisons)
                comparisons &+= 1
                return Self.compareBytes(all, offsets[a], offsets[a + 1], all, offsets[b], offsets[b + 1]) < 0
            }
        }
        var ranks = [Int32](repeating: 0, count: count)
        for (rank, code) in order.enumerated() { ranks[code] = Int32(rank) }
        return ranks
    }

    /// Applies `transform` to each distinct string once.
    public func map<T>(_ transform: (String) throws -> T) rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for code in 0..<count { result.append(try transform(string(code))) }
        return result
    }
}

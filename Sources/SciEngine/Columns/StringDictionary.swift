/// The distinct strings of a text column, each stored once as UTF-8 bytes in
/// one arena and numbered in order of first appearance. A text column is an
/// array of these numbers (codes), so filtering, grouping, joining and
/// sorting work on integers and touch each distinct string once.
///
/// A dictionary can also be *plain* (`isUnique == false`): strings appended
/// as they come, repeats and all, with no hash table. A column of mostly
/// distinct strings (names, codes, identifiers) is kept so: a hash table
/// there costs more than it saves. Its codes say nothing about equality;
/// work that needs equal codes for equal strings asks for `interned()`.
public struct StringDictionary: Sendable {
    /// All strings' UTF-8 bytes, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// Start of string `i` is `offsets[i]`, its end `offsets[i + 1]`.
    public internal(set) var offsets: [Int] = [0]
    /// Open-addressing hash table: each slot holds the string's hash's high
    /// 32 bits over its code + 1 (0 marks an empty slot), so a probe that
    /// meets another string is told apart without reading its bytes.
    var slots: [UInt64] = [UInt64](repeating: 0, count: 16)
    var hashes: [UInt64] = []
    /// False for a plain list (see above).
    public internal(set) var isUnique = true
    /// Where the interned form of a finished plain list is kept, made once
    /// and shared by copies (a gathered column keeps its dictionary); any
    /// change lets it go.
    var memo: InternedMemo?

    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt64 { hash & 0xffff_ffff_0000_0000 }

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
        if !isUnique { return plainCode(ofBytes: buffer) }
        return find(buffer, hash: Self.hash(buffer)).code
    }

    /// The code of these bytes, or the empty slot where they would go.
    @inline(__always)
    private func find(_ buffer: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (code: Int?, slot: Int) {
        let tag = Self.tag(h)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { all in
                offsets.withUnsafeBufferPointer { offsets in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return (nil, slot) }
                        if entry & 0xffff_ffff_0000_0000 == tag {
                            let code = Int(entry & 0xffff_ffff) - 1
                            if Self.equal(all, offsets[code], offsets[code + 1], buffer) { return (code, slot) }
                        }
                        slot = (slot + 1) & mask
                    }
                }
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
        if !isUnique { return append(bytes: buffer) }
        return intern(bytes: buffer, hash: Self.hash(buffer))
    }

    @inline(__always)
    mutating func intern(bytes buffer: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        if !isUnique { return append(bytes: buffer) }
        let (found, slot) = find(buffer, hash: h)
        if let found { return found }
        let code = count
        bytes.append(contentsOf: buffer)
        offsets.append(bytes.count)
        hashes.append(h)
        slots[slot] = Self.tag(h) | UInt64(code + 1)
        if count * 2 > slots.count { grow() }
        return code
    }

    /// Each of `other`'s codes in this dictionary, adding the strings this
    /// one lacks (joining the chunks of a column): the hashes are reused.
    public mutating func intern(all other: StringDictionary) -> [Int32] {
        if !isUnique || !other.isUnique { return append(all: other) }
        var remap = [Int32]()
        remap.reserveCapacity(other.count)
        other.bytes.withUnsafeBufferPointer { all in
            for code in 0..<other.count {
                let buffer = UnsafeBufferPointer(rebasing: all[other.offsets[code]..<other.offsets[code + 1]])
                remap.append(Int32(truncatingIfNeeded: intern(bytes: buffer, hash: other.hashes[code])))
            }
        }
        return remap
    }

    /// Takes each string's hash (of strings added without hashing them here)
    /// and builds the hash table from them, comparing no bytes: the strings
    /// are known to be distinct.
    mutating func adoptHashes(_ all: [UInt64]) {
        hashes = all
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        rehash(capacity: capacity)
    }

    private mutating func grow() {
        rehash(capacity: slots.count * 2)
    }

    /// The hash table made again at `capacity` slots from the strings' hashes.
    private mutating func rehash(capacity: Int) {
        var newSlots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for code in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Self.tag(hashes[code]) | UInt64(code + 1)
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

    /// Applies `transform` to each distinct string once, looking at Ctrl-C
    /// every 64 strings: a transform makes a text or runs a regex (one
    /// padding to 100,000 columns took milliseconds), and a plain list has
    /// millions of strings.
    public func mapCheckingCancellation<T>(_ transform: (String) throws -> T) throws -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for code in 0..<count {
            if code & 63 == 0 { try Cancellation.check() }
            result.append(try transform(string(code)))
        }
        return result
    }
}

import Synchronization

/// Plain lists of strings (a `StringDictionary` with `isUnique == false`):
/// each row's bytes appended as they come, so building a column of a million
/// mostly distinct strings is a copy, and joining chunks of it is a copy of
/// their arenas. Equality of codes is recovered on demand by `interned()`,
/// which folds repeats once and remembers the result for every copy.
extension StringDictionary {
    /// An empty plain list.
    public static func plain() -> StringDictionary {
        var dictionary = StringDictionary()
        dictionary.makePlain()
        return dictionary
    }

    /// This dictionary as a plain list: its codes stay as they are, its hash
    /// table is let go, and strings added from now on are not looked up.
    public mutating func makePlain() {
        guard isUnique else { return }
        isUnique = false
        slots = []
        hashes = []
        memo = nil
    }

    /// Adds the bytes as a new string, whether or not an equal one is here.
    @inline(__always)
    public mutating func append(bytes buffer: UnsafeBufferPointer<UInt8>) -> Int {
        if isUnique { makePlain() }
        if memo != nil { memo = nil }
        let code = offsets.count - 1
        bytes.append(contentsOf: buffer)
        offsets.append(bytes.count)
        return code
    }

    /// Every string of `other` after this one's, as a plain list; returns
    /// the code `other`'s code 0 now has (its codes move by that much).
    public mutating func appendPlain(all other: StringDictionary) -> Int {
        if isUnique { makePlain() }
        memo = nil
        let base = count
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.count)
        other.offsets.withUnsafeBufferPointer { theirs in
            for k in 1..<theirs.count { offsets.append(theirs[k] + shift) }
        }
        return base
    }

    /// `intern(all:)` where either side is a plain list: the result is one.
    mutating func append(all other: StringDictionary) -> [Int32] {
        let base = appendPlain(all: other)
        return (0..<other.count).map { Int32(truncatingIfNeeded: base + $0) }
    }

    /// The first code whose string has these bytes (a plain list has no
    /// hash table: a scan, for the rare caller that asks one string).
    func plainCode(ofBytes buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { all in
            for code in 0..<count where Self.equal(all, offsets[code], offsets[code + 1], buffer) { return code }
            return nil
        }
    }

    /// The same strings with repeats folded: `remap[code]` is each code's
    /// number in `dictionary`, numbered in order of first appearance. A
    /// unique dictionary is its own (remap nil). A finished plain list
    /// (one a column holds) remembers the result for all its copies.
    /// Throws `Interrupted` on Ctrl-C.
    public func internedForm() throws -> (remap: [Int32]?, dictionary: StringDictionary) {
        if isUnique { return (nil, self) }
        if let memo, let known = memo.value.withLock({ $0 }) { return (known.remap, known.dictionary) }
        let made = try TextInterning.intern(self)
        memo?.value.withLock { $0 = (made.remap, made.dictionary) }
        return (made.remap, made.dictionary)
    }

    /// Each code's lowest code with the same bytes (what `describe` needs
    /// of a plain list), remembered for all copies of a finished list as the
    /// interned form is. Throws `Interrupted` on Ctrl-C.
    func firstOccurrences() throws -> [Int32] {
        if let memo, let known = memo.firstOccurrences.withLock({ $0 }) { return known }
        let (first, _) = try TextInterning.firstOccurrences(self)
        memo?.firstOccurrences.withLock { $0 = first }
        return first
    }

    /// Gives a plain list a place to remember its interned form (a column
    /// does this once it holds the list: it will not change any more).
    mutating func prepareMemo() {
        if !isUnique, memo == nil { memo = InternedMemo() }
    }
}

/// The interned form of a plain list and its first occurrences, shared by
/// the copies of that list.
final class InternedMemo: Sendable {
    let value = Mutex<(remap: [Int32], dictionary: StringDictionary)?>(nil)
    let firstOccurrences = Mutex<[Int32]?>(nil)
}

extension Column {
    /// This column with equal codes for equal strings: a text column kept
    /// as a plain list is interned (once per list), anything else is itself.
    /// Grouping, joins, distinct counts and `describe` read text this way.
    public func interned() throws -> Column {
        guard case .string(let codes, let dictionary) = storage, !dictionary.isUnique else { return self }
        let (remap, unique) = try dictionary.internedForm()
        guard let remap else { return self }
        let mapped = remap.withUnsafeBufferPointer { r in codes.map { r[Int($0)] } }
        return Column(.string(codes: mapped, dictionary: unique), nulls: nulls)
    }

    /// The same text kept as a plain list (a row's string once per row):
    /// how a column of mostly distinct strings is read from a file; tests
    /// use it to run every kernel on that form.
    public func plain() -> Column {
        guard case .string(let codes, let dictionary) = storage else { return self }
        var list = StringDictionary.plain()
        var moved = [Int32]()
        moved.reserveCapacity(codes.count)
        for (row, code) in codes.enumerated() {
            if isNull(row) {
                moved.append(0)
            } else {
                let index = dictionary.withBytes(Int(code)) { list.append(bytes: $0) }
                moved.append(Int32(truncatingIfNeeded: index))
            }
        }
        // Null rows' placeholder code 0 needs a string to point at.
        if list.count == 0, !codes.isEmpty { _ = list.append(bytes: UnsafeBufferPointer(start: nil, count: 0)) }
        return Column(.string(codes: moved, dictionary: list), nulls: nulls)
    }
}

extension StringDictionary {
    /// Room for `strings` strings of `bytes` bytes in all, in a plain list
    /// (a dictionary's hash table grows as it must).
    public mutating func reserve(strings: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(byteCount)
        offsets.reserveCapacity(strings + 1)
    }
}

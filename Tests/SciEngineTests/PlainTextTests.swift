@testable import SciEngine
import Testing

/// Text kept as a plain list (each row's string once per row, no hash
/// table), as a file's column of mostly distinct strings is read: every
/// kernel that needs equal codes for equal strings interns it on demand,
/// and everything gives what the dictionary form gives.
@Suite struct PlainTextTests {
    static let values: [String?] = ["科学城", "", nil, "重庆", "科学城", "a", "", nil, "重庆", "科学中心1号", "a"]

    static var dictionaryColumn: Column {
        Column.from(values.map { $0.map(Value.string) ?? .null }) ?? Column(.null(count: 0))
    }

    func texts(_ column: Column) -> [String?] {
        (0..<column.count).map { column.isNull($0) ? nil : column[$0].description }
    }

    func isPlain(_ column: Column) -> Bool {
        if case .string(_, let dictionary) = column.storage { return !dictionary.isUnique }
        return false
    }

    @Test func aPlainListHoldsTheSameRowsEmptyTextApartFromNull() {
        let plain = Self.dictionaryColumn.plain()
        #expect(isPlain(plain))
        #expect(texts(plain) == Self.values)
        #expect(plain[1] == .string(""))
        #expect(plain[2] == .null)
        // A repeated string is stored again: no lookup was made.
        guard case .string(let codes, let dictionary) = plain.storage else { return }
        #expect(codes[0] != codes[4])
        #expect(dictionary.string(Int(codes[4])) == "科学城")
    }

    @Test func internedFoldsRepeatsInOrderOfFirstAppearance() throws {
        let interned = try Self.dictionaryColumn.plain().interned()
        guard case .string(let codes, let dictionary) = interned.storage else {
            Issue.record("not text")
            return
        }
        #expect(dictionary.isUnique)
        #expect(texts(interned) == Self.values)
        #expect((0..<dictionary.count).map { dictionary.string($0) } == ["科学城", "", "重庆", "a", "科学中心1号"])
        #expect(codes[0] == codes[4])
        #expect(codes[3] == codes[8])
        // Asked again, the list gives the same dictionary (remembered).
        let again = try Self.dictionaryColumn.plain().interned()
        #expect(texts(again) == Self.values)
        // A column with a dictionary is its own interned form.
        #expect(try Self.dictionaryColumn.interned().storageIsUnique)
    }

    @Test func aGatheredPlainColumnInternsThroughItsList() throws {
        let plain = Self.dictionaryColumn.plain()
        let picked = plain.gather([9, 0, 4, -1, 1])
        #expect(texts(try picked.interned()) == ["科学中心1号", "科学城", "科学城", nil, ""])
        let (codes, count) = try Grouping.denseCodes(picked)
        #expect(codes[1] == codes[2])
        #expect(codes[0] != codes[1])
        #expect(Set(codes).count == 4)
        #expect(count >= 4)
    }

    @Test func equalStringsShareARankSoALaterKeyBreaksTheTie() throws {
        let plain = Self.dictionaryColumn.plain()
        let keys = try SortKeys.orderKeys(plain)
        #expect(keys[0] == keys[4])
        #expect(keys[3] == keys[8])
        #expect(keys[1] == keys[6])
        #expect(keys[1] < keys[5])
        #expect(keys[5] < keys[0])
        // Compared through the list (the heap of `sort | take N`): equal
        // strings are not ordered by their codes.
        let heapKeys = try SortKeys.keys([(plain, false), (Column(.integer((0..<11).map { 100 - Int64($0) })), false)], ranked: false)
        #expect(SortKeys.less(heapKeys, 4, 0))
        #expect(!SortKeys.less(heapKeys, 0, 4))
    }

    @Test func groupingDistinctAndDescribeAgreeWithTheDictionaryForm() throws {
        let dictionary = Self.dictionaryColumn
        let plain = dictionary.plain()
        let a = try Grouping(keys: [dictionary], rowCount: dictionary.count)
        let b = try Grouping(keys: [plain], rowCount: plain.count)
        #expect(a.groupOfRow == b.groupOfRow)
        #expect(a.firstRows == b.firstRows)
        let x = try Stages.describe(Table(named: nil, columns: [("t", dictionary)]))
        let y = try Stages.describe(Table(named: nil, columns: [("t", plain)]))
        #expect(x.columns.map(texts) == y.columns.map(texts))
        // distinct 5 (empty text counts, null does not), min "", max 重庆, top 科学城 (first of the ties).
        #expect(texts(y.columns[4]) == ["5"])
        #expect(texts(y.columns[5]) == [""])
        #expect(texts(y.columns[6]) == ["重庆"])
        #expect(texts(y.columns[10]) == ["科学城"])
    }

    @Test func describeTakesTheFirstSeenOfTiesAfterRowsAreReordered() throws {
        // After a gather, codes no longer follow the rows' order.
        let column = Self.dictionaryColumn.gather([5, 0, 10, 4])
        for form in [column, column.plain()] {
            let described = try Stages.describe(Table(named: nil, columns: [("t", form)]))
            #expect(texts(described.columns[10]) == ["a"])
        }
    }

    @Test func appendingMixesPlainListsAndDictionaries() {
        let dictionary = Self.dictionaryColumn
        let plain = dictionary.plain()
        let expected = Self.values + Self.values
        for (a, b) in [(plain, dictionary), (dictionary, plain), (plain, plain), (dictionary, dictionary)] {
            let joined = a.appending(b)
            #expect(texts(joined) == expected)
            #expect(isPlain(joined) == (isPlain(a) || isPlain(b)))
        }
        // With an all-null column on either side, and an empty one.
        let nulls = Column(.string(codes: [0, 0], dictionary: StringDictionary()), nulls: [true, true])
        #expect(texts(plain.appending(nulls)) == Self.values + [nil, nil])
        #expect(texts(nulls.appending(plain)) == [nil, nil] + Self.values)
        #expect(texts(Column.from([]).map { plain.appending($0) } ?? plain) == Self.values)
    }

    @Test func typedBuffersJoinChunksOfBothKinds() throws {
        func buffers(_ strings: [String], plain: Bool) -> TypedBuffers {
            var b = TypedBuffers(type: .string)
            if plain { b.dictionary.makePlain() }
            for s in strings { b.codes.append(Int32(b.dictionary.intern(s))) }
            return b
        }
        var whole = buffers(["甲", "乙", "甲"], plain: false)
        whole.append(contentsOf: buffers(["乙", "丙", "乙"], plain: true))
        whole.append(contentsOf: buffers(["甲", "丁"], plain: false))
        let column = whole.column(nulls: [Bool](repeating: false, count: 8), count: 8)
        #expect(texts(column) == ["甲", "乙", "甲", "乙", "丙", "乙", "甲", "丁"])
        #expect(isPlain(column))
        #expect(texts(try column.interned()) == texts(column))
    }

    /// Over 32,768 strings the interning is partitioned by hash and runs
    /// on every core: the codes must be those of interning one by one.
    @Test func partitionedInterningNumbersAsOneByOne() throws {
        var generator = SeededGenerator(seed: 5)
        var list = StringDictionary.plain()
        var reference = StringDictionary()
        var expected: [Int32] = []
        for k in 0..<120_000 {
            // Lengths around sixteen bytes, where strings are told apart by
            // their entries alone or by their bytes; zero bytes against the padding.
            let prefix = ["科学中心", "C", "工程中心工程中心", "0123456789abcd", "0123456789abcdef", "ab\u{0}", "ab", ""][Int(generator.next() % 8)]
            let s = k % 11 == 0 ? "" : prefix + String(generator.next() % 40_000)
            _ = list.intern(s)
            expected.append(Int32(reference.intern(s)))
        }
        let (remap, unique) = try list.internedForm()
        #expect(remap == expected)
        #expect(unique.count == reference.count)
        #expect(unique.isUnique)
        #expect((0..<unique.count).allSatisfy { unique.string($0) == reference.string($0) })
        // Its hash table finds every string, and a new one is added once.
        var grown = unique
        #expect((0..<reference.count).allSatisfy { code in reference.withBytes(code) { grown.code(ofBytes: $0) } == code })
        #expect(grown.intern("新的") == reference.count)
        #expect(grown.intern("新的") == reference.count)
    }

    @Test func aPlainListFindsAStringByScanning() {
        var list = StringDictionary.plain()
        for s in ["x", "科学", "x"] { _ = list.intern(s) }
        #expect(list.count == 3)
        #expect(Array("科学".utf8).withUnsafeBufferPointer { list.code(ofBytes: $0) } == 1)
        #expect(Array("y".utf8).withUnsafeBufferPointer { list.code(ofBytes: $0) } == nil)
    }
}

extension Column {
    var storageIsUnique: Bool {
        if case .string(_, let dictionary) = storage { return dictionary.isUnique }
        return true
    }
}

import SciEngine
import Testing

/// The byte-level work on a dictionary: code-point ranks by the eight-byte
/// MSD sort, the chunk merge that reuses hashes, and text filters that read
/// each distinct string's bytes.
@Suite struct DictionaryBytesTests {
    /// Strings chosen to stress the word-at-a-time sort: shared prefixes
    /// longer than eight bytes, prefixes of each other, the empty string,
    /// embedded zero bytes (equal to the padding), Chinese and emoji.
    static let awkward: [String] = [
        "", "a", "ab", "ab\u{0}", "ab\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", "abcdefgh", "abcdefghi", "abcdefgh\u{0}",
        "科学中心1号", "科学中心10号", "科学中心2号", "科学中心", "科学城", "实验室123456789号", "实验室12345678号",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy", "🙂", "é", "e\u{301}", "Z", "\u{7f}",
    ]

    func reference(_ strings: [String]) -> [Int32] {
        let order = strings.indices.sorted { strings[$0].utf8.lexicographicallyPrecedes(strings[$1].utf8) }
        var ranks = [Int32](repeating: 0, count: strings.count)
        for (rank, index) in order.enumerated() { ranks[index] = Int32(rank) }
        return ranks
    }

    @Test func ranksFollowCodePointOrder() throws {
        var dictionary = StringDictionary()
        for s in Self.awkward { _ = dictionary.intern(s) }
        #expect(dictionary.count == Self.awkward.count)
        #expect(try dictionary.ranks() == reference(Self.awkward))
    }

    @Test func ranksOfManyStringsWithLongSharedPrefixes() throws {
        // A deterministic mix, many equal in their first 8, 16 and 24 bytes.
        var generator = SeededGenerator(seed: 17)
        var strings: [String] = []
        var seen = Set<String>()
        while strings.count < 5_000 {
            let prefix = ["工程中心", "工程中心工程中心", "x", ""][Int(generator.next() % 4)]
            let s = prefix + String(generator.next() % 100_000)
            if seen.insert(s).inserted { strings.append(s) }
        }
        var dictionary = StringDictionary()
        for s in strings { _ = dictionary.intern(s) }
        #expect(try dictionary.ranks() == reference(strings))
    }

    @Test func ranksOfNoStringsAndOne() throws {
        #expect(try StringDictionary().ranks() == [])
        var one = StringDictionary()
        _ = one.intern("单")
        #expect(try one.ranks() == [0])
    }

    @Test func mergingDictionariesKeepsEachStringOnce() {
        var first = StringDictionary(), second = StringDictionary()
        for s in ["甲", "乙", "", "丙"] { _ = first.intern(s) }
        for s in ["丙", "丁", "", "甲", "戊"] { _ = second.intern(s) }
        let remap = first.intern(all: second)
        #expect(remap.map { first.string(Int($0)) } == ["丙", "丁", "", "甲", "戊"])
        #expect(first.count == 6)
        // Growing past the table's first size while merging.
        var big = StringDictionary()
        var many = StringDictionary()
        for i in 0..<1_000 { _ = many.intern("项目\(i)") }
        let moved = big.intern(all: many)
        #expect(moved == (0..<1_000).map { Int32($0) })
        #expect(big.string(999) == "项目999")
    }

    @Test func mapBytesVisitsEachStringInCodeOrder() {
        var dictionary = StringDictionary()
        for s in ["b", "", "中文"] { _ = dictionary.intern(s) }
        #expect(dictionary.mapBytes { $0.count } == [1, 0, 6])
    }
}

/// contains / startswith / endswith on a text column read each distinct
/// string's bytes: nulls stay null, the empty pattern matches every value.
@Suite struct TextFilterOnBytesTests {
    @Test func containsStartsWithEndsWithOnAColumn() {
        // m.unit: 亩, 亩, %, 家, 平方米, null.
        #expect(csv("m | where unit contains \"方\" | select unit") == "unit\n平方米\n")
        #expect(csv("m | where unit startswith \"平方\" | count") == "count\n1\n")
        #expect(csv("m | where unit endswith \"米\" | count") == "count\n1\n")
        #expect(csv("m | where unit endswith \"平方米米\" | count") == "count\n0\n")
        #expect(csv("m | where unit contains \"\" | count") == "count\n5\n")
        #expect(csv("m | select c = unit contains \"亩\" | where c | count") == "count\n2\n")
        #expect(csv("m | select c = unit contains \"亩\" | where c is null | count") == "count\n1\n")
    }

    @Test func aPatternInsideOneCharacterMatchesNothingAcrossOthers() {
        // "科学中心" contains "学中" but not the bytes of "中" split in half.
        #expect(csv("e | where name contains \"学中\" | select id") == "id\ncenter\n")
        #expect(csv("e | where name contains \"实验室\" | count") == "count\n2\n")
    }
}

/// `sort | take N` with a small N keeps a heap that compares text by its
/// bytes (no ranks); it must give what the full sort gives.
@Suite struct TextTopRowsTests {
    @Test func heapOnTextAgreesWithTheFullSort() {
        // 18 rows, so take 2 uses the heap (2 × 8 < 18); take 18 sorts them all.
        let table = "m | append m | append m"
        for order in ["unit", "unit desc", "unit, value desc", "unit desc, value", "qualifier desc, unit"] {
            let heap = csv("\(table) | sort \(order) | take 2 | select unit, value, qualifier")
            let full = csv("\(table) | sort \(order) | take 18 | take 2 | select unit, value, qualifier")
            #expect(heap == full, "sort \(order)")
        }
        // Nulls last in either direction, Chinese by code point.
        #expect(csv("\(table) | sort unit desc | take 1 | select unit") == "unit\n平方米\n")
        #expect(csv("\(table) | where unit is null or unit == \"%\" | append m | sort unit | take 1 | select unit") == "unit\n%\n")
    }
}

@testable import SciEngine
import SciLanguage
import Testing

/// The pieces added so that Ctrl-C is heard within a few milliseconds in
/// every long step: the grouping hash table that grows in a loop, the
/// checked gather, and the checks in the aggregates over millions of
/// groups. Each is checked for its answer (the same as before) and for
/// stopping when the check says so.
@Suite struct CancellationTests {
    /// A check that says "interrupted" after it has been asked `after` times.
    final class Counter: @unchecked Sendable {
        var asked = 0
    }

    static func interrupted(after: Int) -> (@Sendable () -> Bool) {
        let counter = Counter()
        return {
            counter.asked += 1
            return counter.asked > after
        }
    }

    @Test func keyNumberingNumbersKeysInOrderOfFirstAppearanceAcrossGrowth() throws {
        var numbering = KeyNumbering()
        // Far past the first 1,024 slots, with extreme and negative keys and
        // keys that collide in the low bits.
        let keys: [Int64] = [Int64.min, Int64.max, -1, 0, 1] + (0..<50_000).map { Int64($0) << 20 } + (0..<50_000).map { -Int64($0) * 7 }
        var expected: [Int64: Int32] = [:]
        for key in keys {
            let (number, isNew) = try numbering.number(key)
            if let known = expected[key] {
                #expect(!isNew)
                #expect(number == known)
            } else {
                #expect(isNew)
                #expect(number == Int32(expected.count))
                expected[key] = number
            }
        }
        #expect(numbering.count == expected.count)
        // Every key asked again keeps its number.
        for key in keys.reversed() { #expect(try numbering.number(key) == (expected[key] ?? -1, false)) }
    }

    @Test func keyNumberingStopsWhileItGrows() throws {
        var numbering = KeyNumbering()
        #expect(throws: Interrupted.self) {
            try Cancellation.run(Self.interrupted(after: 0)) {
                for key in 0..<100_000 { _ = try numbering.number(Int64(key)) }
            }
        }
    }

    @Test func groupingByManyDistinctNumbersMatchesADictionary() throws {
        // Past the 4-million-combination bound, so the hash path is taken.
        let a = (0..<30_000).map { Int64($0 % 3_000) * 1_000_003 }
        let b = (0..<30_000).map { Int64($0 % 7_000) * -999_983 }
        let grouping = try Grouping(keys: [Column(.integer(a)), Column(.integer(b))], rowCount: a.count)
        var seen: [[Int64]: Int32] = [:]
        var firsts: [Int] = []
        for row in a.indices {
            let key = [a[row], b[row]]
            if seen[key] == nil { seen[key] = Int32(seen.count); firsts.append(row) }
            #expect(grouping.groupOfRow[row] == seen[key])
        }
        #expect(grouping.firstRows == firsts)
    }

    @Test func checkedGatherGivesWhatGatherGives() throws {
        let column = Column(.string(codes: [0, 1, 2, 1], dictionary: {
            var d = StringDictionary()
            for s in ["科学城", "", "lab"] { _ = d.intern(s) }
            return d
        }()), nulls: [false, false, true, false])
        let indices = [3, -1, 2, 0, 0, 1] + [Int](repeating: 3, count: 70_000)
        let checked = try column.gatherChecked(indices)
        let plain = column.gather(indices)
        #expect(checked.count == plain.count)
        for row in [0, 1, 2, 3, 4, 5, 70_005] { #expect(checked[row] == plain[row]) }
        #expect(checked.isNull(1) && checked.isNull(2) && !checked.isNull(0))
        for storage: Column.Storage in [.integer([5, -2]), .decimal([125, 0], scale: 2), .float([1.5, -0.0]), .bool([true, false]), .null(count: 2)] {
            let c = Column(storage)
            let g = try c.gatherChecked([1, -1, 0])
            #expect(g.count == 3 && g.isNull(1) && g[0] == c[1] && g[2] == c[0])
        }
        #expect(throws: Interrupted.self) {
            try Cancellation.run(Self.interrupted(after: 1)) { _ = try column.gatherChecked(indices) }
        }
    }

    @Test func aggregatesOverManyGroupsStopAndAnswerAsBefore() throws {
        // 100,000 groups of one or two rows: median, list, count_distinct and
        // avg each loop over the groups after the rows.
        let n = 100_000
        let keys = Column(.integer((0..<(2 * n)).map { Int64($0 % n) }))
        let values = Column(.decimal((0..<(2 * n)).map { Int64($0) }, scale: 1))
        let grouping = try Grouping(keys: [keys], rowCount: 2 * n)
        let range = SourceRange(0, 0)
        let median = try Aggregates.median(values, grouping, range)
        // Group g holds g/10 and (g + n)/10: the median is their mean.
        #expect(median[7] == .decimal(ExactDecimal(units: Int64(7 + n / 2), scale: 1)))
        let list = try Aggregates.list(values, grouping, range)
        #expect(list[3] == .string("0.3, 10000.3"))
        for compute in [Aggregates.median, Aggregates.list, Aggregates.countDistinct] as [(Column?, Grouping, SourceRange) throws -> Column] {
            #expect(throws: Interrupted.self) {
                try Cancellation.run(Self.interrupted(after: 3)) { _ = try compute(values, grouping, range) }
            }
        }
    }
}

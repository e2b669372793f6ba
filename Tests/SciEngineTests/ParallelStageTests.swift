@testable import SciEngine
import SciLanguage
import Testing

/// The parallel hash join, the radix-sorted window frame and the prefix
/// filter of `sort | take N`, on tables large enough to take those paths
/// (more than one range of 65,536 rows, a right side partitioned by hash),
/// each against a plain reference.
@Suite struct ParallelStageTests {
    /// A deterministic stream of numbers (no global state).
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func text(_ values: [String?]) -> Column {
        var dictionary = StringDictionary()
        let codes = values.map { Int32($0.map { dictionary.intern($0) } ?? 0) }
        return Column(.string(codes: codes, dictionary: dictionary), nulls: values.contains { $0 == nil } ? values.map { $0 == nil } : nil)
    }

    func integers(_ values: [Int?]) -> Column {
        Column(.integer(values.map { Int64($0 ?? 0) }), nulls: values.contains { $0 == nil } ? values.map { $0 == nil } : nil)
    }

    /// Rows of `join` as (left row, right row) pairs, -1 for none: the
    /// reference a nested lookup gives, in the documented order.
    func reference(_ left: [Int?], _ right: [Int?], _ kind: JoinKind) -> [[Int]] {
        var rowsOfKey: [Int: [Int]] = [:]
        for (row, key) in right.enumerated() { if let key { rowsOfKey[key, default: []].append(row) } }
        var pairs: [[Int]] = []
        var matched = Set<Int>()
        for (row, key) in left.enumerated() {
            let found = key.flatMap { rowsOfKey[$0] } ?? []
            switch kind {
            case .semi: if !found.isEmpty { pairs.append([row]) }
            case .anti: if found.isEmpty { pairs.append([row]) }
            default:
                for other in found { pairs.append([row, other]); matched.insert(other) }
                if found.isEmpty, kind == .left || kind == .full { pairs.append([row, -1]) }
            }
        }
        if kind == .right || kind == .full {
            for row in right.indices where !matched.contains(row) { pairs.append([-1, row]) }
        }
        return pairs
    }

    func joined(_ left: Table, _ right: Table, _ kind: JoinKind, memoryLimit: Int? = nil) throws -> [[Int]] {
        let fields = (left.fields + (kind.keepsRightColumns ? right.fields : [])).map { Table.Field(name: $0.name) }
        let result = try Stages.join(left, right, keys: [(left: 0, right: 0)], kind: kind, fields: fields, memoryLimit: memoryLimit)
        let ids = kind.keepsRightColumns ? [1, 3] : [1]
        return (0..<result.rowCount).map { row in
            ids.map { column in
                guard !result.columns[column].isNull(row), case .integer(let values) = result.columns[column].storage else { return -1 }
                return Int(values[row])
            }
        }
    }

    @Test func parallelJoinAgreesWithANestedLookupForEveryKind() throws {
        var numbers = Numbers(state: 17)
        let leftKeys: [Int?] = (0..<150_000).map { _ in numbers.next(20) == 0 ? nil : numbers.next(60_000) }
        let rightKeys: [Int?] = (0..<40_000).map { _ in numbers.next(20) == 0 ? nil : numbers.next(60_000) }
        let ids = { (count: Int) in self.integers(Array(0..<count)) }
        // Integer keys (hashed, in partitions) and text keys (dictionary codes).
        let tables: [(Table, Table)] = [
            (Table(named: "l", columns: [("k", integers(leftKeys)), ("id", ids(leftKeys.count))]),
             Table(named: "r", columns: [("k", integers(rightKeys)), ("id", ids(rightKeys.count))])),
            (Table(named: "l", columns: [("k", text(leftKeys.map { $0.map { "键\($0)" } })), ("id", ids(leftKeys.count))]),
             Table(named: "r", columns: [("k", text(rightKeys.map { $0.map { "键\($0)" } })), ("id", ids(rightKeys.count))])),
        ]
        for (left, right) in tables {
            for kind in JoinKind.allCases {
                #expect(try joined(left, right, kind) == reference(leftKeys, rightKeys, kind), "\(kind) on \(left.columns[0].type)")
            }
        }
    }

    @Test func theJoinsCountIsTheMemoryLimitsEstimate() throws {
        // 150,000 × 2 rows of key 1: 300,000 rows, refused under a 1 MB limit.
        let left = Table(named: "l", columns: [("k", integers([Int?](repeating: 1, count: 150_000))), ("id", integers(Array(0..<150_000)))])
        let right = Table(named: "r", columns: [("k", integers([1, 1, nil])), ("id", integers([0, 1, 2]))])
        #expect(throws: Diagnostic.self) { try joined(left, right, .inner, memoryLimit: 1 << 20) }
        do {
            _ = try joined(left, right, .inner, memoryLimit: 1 << 20)
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.hasPrefix("this join would make 300,000 rows"), "\(diagnostic.message)")
        }
        #expect(try joined(left, right, .inner, memoryLimit: 1 << 30).count == 300_000)
    }

    @Test func radixFrameEqualsTheComparisonFrame() throws {
        var numbers = Numbers(state: 5)
        let n = 100_000
        let group = integers((0..<n).map { _ in numbers.next(7) })
        let value = integers((0..<n).map { _ in numbers.next(30) == 0 ? nil : numbers.next(1_000) - 500 })
        let name = text((0..<n).map { _ in numbers.next(25) == 0 ? nil : ["甲", "乙", "丙", "", "a"][numbers.next(5)] })
        let grouping = try Grouping(keys: [group], rowCount: n)
        for order in [[(value, false)], [(value, true)], [(name, true), (value, false)], [(value, true), (name, false)], []] {
            let keys = try SortKeys.keys(order)
            let packed = try #require(try PackedOrder.keys(keys, rowCount: n))
            let fast = try Stages.packedFrame(grouping, packed.packed, bits: packed.bits, rowCount: n)
            let slow = try Stages.comparisonFrame(grouping, keys, rowCount: n)
            #expect(fast.ordered == slow.ordered)
            #expect(fast.partitions == slow.partitions)
            #expect(fast.sameAsPrevious == slow.sameAsPrevious)
        }
        // Keys whose ranges need more than 64 bits together are not packed.
        let wide = integers((0..<n).map { $0 % 2 == 0 ? Int(Int64.min / 2) : Int(Int64.max / 2) })
        #expect(try PackedOrder.keys(SortKeys.keys([(wide, false), (wide, true)]), rowCount: n) == nil)
    }

    @Test func prefixFilteredTopRowsEqualTheFullSort() throws {
        var numbers = Numbers(state: 11)
        let n = 50_000
        // Long shared prefixes (more than eight bytes), Chinese, empty text and nulls.
        let stems = ["科学中心", "科学中心一号楼", "科学中", "", "a", "科学中心一号楼二"]
        let names = text((0..<n).map { _ in numbers.next(40) == 0 ? nil : stems[numbers.next(stems.count)] + String(numbers.next(50)) })
        let value = integers((0..<n).map { _ in numbers.next(100) })
        for order in [[(names, false)], [(names, true)], [(names, false), (value, true)], [(names, true), (value, false)]] {
            for limit in [1, 3, 100] {
                let heap = try SortKeys.topRows(SortKeys.keys(order, ranked: false), rowCount: n, limit: limit)
                let full = try SortKeys.sortedRows(SortKeys.keys(order), rowCount: n)
                #expect(heap == Array(full.prefix(limit)), "limit \(limit)")
            }
        }
    }
}

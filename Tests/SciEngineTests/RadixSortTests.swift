@testable import SciEngine
import Testing

/// describe's sort of number keys by bytes gives the order of a comparison
/// sort: negatives, the extremes, repeats, and bytes every value shares.
@Suite struct RadixSortTests {
    @Test func sortsAsAComparisonSortDoes() throws {
        var generator = SeededGenerator(seed: 3)
        let shapes: [[Int64]] = [
            (0..<5_000).map { _ in Int64(bitPattern: generator.next()) },
            (0..<5_000).map { _ in Int64(generator.next() % 1_000) - 500 },
            (0..<5_000).map { _ in Int64(generator.next() % 3) * 1_000_000_007 },
            [Int64.max, Int64.min, 0, -1, 1, Int64.min + 1, Int64.max - 1] + [Int64](repeating: 42, count: 300),
            [Int64](repeating: -7, count: 1_000),
            [5, 3, 1],
            [],
        ]
        for values in shapes {
            var sorted = values
            try RadixSort.sort(&sorted)
            #expect(sorted == values.sorted())
        }
    }

    @Test func sortsDoublesAsAComparisonSortDoes() throws {
        var generator = SeededGenerator(seed: 5)
        let special: [Double] = [.infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, -1e300]
        let shapes: [[Double]] = [
            (0..<5_000).map { _ in Double(bitPattern: generator.next() & ~(0x7FF0 << 48) | (UInt64(generator.next() % 0x7FF) << 52)) },
            (0..<5_000).map { _ in Double(Int64(generator.next() % 2_001) - 1_000) / 8 },
            special + (0..<400).map { _ in special[Int(generator.next() % UInt64(special.count))] },
            [2.5, -1, 0.5],
        ]
        for values in shapes {
            let sorted = try RadixSort.sorted(values)
            // -0.0 and 0.0 are equal; each comes out where a comparison puts it.
            #expect(sorted.map { $0 == 0 ? 0 : $0 } == values.sorted().map { $0 == 0 ? 0 : $0 })
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func describeGivesTheMedianOfDecimals() throws {
        let column = Column(.decimal([150, -25, 1000, 150, 7, 300], scale: 2))
        let described = try Stages.describe(Table(named: nil, columns: [("v", column)]))
        // Sorted: -0.25, 0.07, 1.5, 1.5, 3, 10: the middle two average 1.5.
        #expect(described.columns[9][0] == .float(1.5))
        let odd = try Stages.describe(Table(named: nil, columns: [("v", Column(.decimal([150, -25, 7], scale: 2)))]))
        #expect(odd.columns[9][0] == .float(0.07))
    }
}

/// A file's date fields are read from their bytes: the same dates, and the
/// same refusals, as reading them from text.
@Suite struct DateBytesTests {
    @Test func bytesGiveWhatTextGives() {
        for text in ["2023-03-27", "2023-3-27", "2023/3/27", "2023.3.27", "2023-03", "2023年3月27日", " 2023-03-27 ", "2023-02-30",
                     "2023-13-01", "20230327", "", "2023-03-27x", "x2023-03-27", "2023-03-2７", "１2023-03-27"] {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { DateText.date(utf8: $0) }
            #expect(fromBytes == DateText.date(text), "\(text)")
        }
    }
}

import SciEngine
@testable import SciPlan
import Testing

/// Each block's result is held until the blocks are merged: its text
/// columns must hold their own strings only, not the block's whole list
/// (a streamed group key of 20,000 values kept every block's 1.2 million
/// strings, so memory grew with the file).
@Suite struct StreamingResultTests {
    @Test func aBlocksResultKeepsOnlyItsOwnStrings() {
        let strings = (0..<100_000).map { "key\($0 % 20_000)-\($0)" }
        var list = StringDictionary()
        for text in strings { _ = list.intern(text) }
        let column = Column(.string(codes: (0..<100_000).map { Int32($0) }, dictionary: list)).plain()
        let rows = [3, 99_999, 50_000, 3]
        let result = Table(fields: [Table.Field(name: "k")], columns: [column.gather(rows)], rowCount: rows.count)
        let kept = Streaming.compacted(result)
        guard case .string(_, let dictionary) = kept.columns[0].storage else {
            Issue.record("not text")
            return
        }
        #expect(dictionary.count <= rows.count)
        #expect((0..<rows.count).map { kept.columns[0][$0].description } == rows.map { strings[$0] })
    }
}

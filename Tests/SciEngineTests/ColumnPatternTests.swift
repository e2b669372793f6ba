@testable import SciEngine
import SciLanguage
import SciPlan
import Testing

/// A regular expression that comes from a column is compiled once per
/// distinct pattern and kept. The first version kept the compiled function
/// by putting it back into its dictionary on every row; Swift wraps a
/// function in a new thunk each time it goes into and out of a dictionary,
/// so 200,000 rows made a chain of thunks whose release overflowed the
/// stack (found by `KernelCancellationTests`, which is the first to run one
/// over that many rows).
@Suite struct ColumnPatternTests {
    static func run(_ expression: String) throws -> Table {
        let source = SourceText(name: "test", text: "b | select t = \(expression)")
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { throw Diagnostic(message: "not a pipeline") }
        return try PipelineRunner(catalog: KernelCancellationTests.Big()).run(pipeline, in: source).table
    }

    @Test func aPatternPerRowOverManyRowsGivesEachRowsAnswer() throws {
        // Rows cycle through "[0-9]" → "x", "户" → "\0\0", "^客" → "" (row 199,999 is the second).
        let replaced = try Self.run("regexp_replace(customer, pattern, with)")
        #expect(replaced.rowCount == KernelCancellationTests.rows)
        let last = KernelCancellationTests.rows - 1
        #expect(replaced.columns.first.map { [$0[0], $0[1], $0[2], $0[last]] } == [.string("客户x"), .string("客户户1"), .string("户2"), .string("客户户199999")])
        let extracted = try Self.run("extract(customer, pattern)")
        #expect(extracted.columns.first.map { [$0[0], $0[1], $0[2], $0[3]] } == [.string("0"), .string("户"), .string("客"), .string("3")])
    }
}

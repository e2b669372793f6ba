@testable import SciEngine
import SciLanguage
import SciPlan
import Testing

/// An expression is one pass over every row per node, and Ctrl-C used to be
/// looked at only between nodes: `concat` or `regexp_replace` over 2 million
/// rows ran 0.9–1.8 s deaf to it. Each kernel that does real work per row
/// (makes a text, runs a regex, boxes a value) now looks at it every
/// `Cancellation.stride` rows; this counts the looks, so a kernel whose loop
/// stops looking fails here.
@Suite struct KernelCancellationTests {
    static let rows = 200_000

    /// `b`: distinct texts, a decimal, an integer, and per-row patterns and
    /// replacements (the kernels that compile per row).
    struct Big: Catalog {
        let table: Table = {
            let n = KernelCancellationTests.rows
            func text(_ make: (Int) -> String) -> Column { Column.from((0..<n).map { .string(make($0)) }) ?? Column(.null(count: n)) }
            return Table(named: "b", columns: [
                ("id", Column(.integer((0..<n).map(Int64.init)))),
                ("customer", text { "客户\($0)" }),
                ("region", text { ["华东", "西南", "海外"][$0 % 3] }),
                ("value", Column(.decimal((0..<n).map { Int64($0 % 9973) * 10 + 5 }, scale: 1))),
                ("pattern", text { ["[0-9]", "户", "^客"][$0 % 3] }),
                ("with", text { ["x", "\\0\\0", ""][$0 % 3] }),
            ])
        }()

        func schema(ofTable name: String, at range: SourceRange) throws -> Schema { Schema(of: try table(named: name, at: range)) }
        func table(named name: String, at range: SourceRange) throws -> Table {
            guard name == "b" else { throw Diagnostic(message: "unknown table \"\(name)\"", range: range) }
            return table
        }
        func schema(ofFile path: String, at range: SourceRange) throws -> Schema { throw Diagnostic(message: "no files here", range: range) }
        func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table { throw Diagnostic(message: "no files here", range: range) }
    }

    final class Counter: @unchecked Sendable {
        var asked = 0
    }

    /// How often `b | select t = <expression>` looks at Ctrl-C (never pressed).
    static func looks(_ expression: String, in catalog: Big) throws -> Int {
        let source = SourceText(name: "test", text: "b | select t = \(expression)")
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { return -1 }
        let counter = Counter()
        _ = try Cancellation.run({ counter.asked += 1; return false }) {
            try PipelineRunner(catalog: catalog).run(pipeline, in: source)
        }
        return counter.asked
    }

    @Test(arguments: [
        "lower(customer)",                              // once per distinct text
        #"regexp_replace(customer, "[0-9]", "x")"#,     // a literal pattern: per distinct text
        #"regexp_replace(customer, pattern, "x")"#,     // a pattern per row
        "regexp_replace(customer, \"[0-9]\", with)",    // a replacement per row
        #"concat(customer, "-", region)"#,
        "customer + region",
        "substr(customer, 2, 3)",                        // row-wise functions
        #"text(value, "%.2f")"#,                         // each row, may throw
        "coalesce(customer, region)",
        "text(id)",
        "ln(value)",
        "customer contains region",                      // a test per row
        #"customer matches "9$""#,                       // a regex per distinct text
    ])
    func everyRowKernelLooksAtCtrlCThroughItsLoop(expression: String) throws {
        let catalog = Big()
        // A plain column: the looks between stages and nodes, no kernel.
        let baseline = try Self.looks("customer", in: catalog)
        let looks = try Self.looks(expression, in: catalog)
        // Every 16,384 rows of 200,000 is 13 looks in one kernel's loop.
        let inLoop = (Self.rows + Cancellation.stride - 1) / Cancellation.stride
        #expect(looks - baseline >= inLoop, "\(expression): \(looks) looks against \(baseline) for a plain column")
    }

    @Test func aKernelStopsPartWayWhenCtrlCComes() throws {
        let catalog = Big()
        let source = SourceText(name: "test", text: #"b | select t = concat(customer, "-", region)"#)
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else { return }
        let baseline = try Self.looks("customer", in: catalog)
        let counter = Counter()
        #expect(throws: Interrupted.self) {
            // Ctrl-C after the looks of the stages and nodes, inside the loop.
            try Cancellation.run({ counter.asked += 1; return counter.asked > baseline + 2 }) {
                _ = try PipelineRunner(catalog: catalog).run(pipeline, in: source)
            }
        }
    }
}

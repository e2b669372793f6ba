import SciEngine
import SciLanguage
import SciPlan
import Testing

/// No walk over an expression may recurse as deep as the input is long:
/// 100,000-term chains of every binary operator, `in` lists and function
/// arguments either run or give one positioned error.
@Suite struct LongChainTests {
    static let terms = 100_000

    static func operand(for op: BinaryOperator) -> String {
        switch op {
        case .and, .or: return "true"
        case .contains, .startsWith, .endsWith, .matches: return "\"a\""
        default: return "1"
        }
    }

    static var harness: Harness {
        var harness = Harness()
        harness.tables["t"] = Table(named: "t", columns: [("a", Column(.integer([1, 2])))])
        return harness
    }

    @Test(arguments: BinaryOperator.allCases)
    func aChainOfEveryOperator(op: BinaryOperator) {
        let chain = Array(repeating: Self.operand(for: op), count: Self.terms).joined(separator: " \(op.rawValue) ")
        let statement = "t | select x = \(chain)"
        switch Self.harness.run(statement) {
        case .success(let table):
            #expect(table.rowCount == 2)
            // Only and/or are associative enough to be balanced and run.
            #expect(op == .and || op == .or, "\(op)")
        case .failure(let failure):
            #expect(op != .and && op != .or, "\(op): \(failure.message)")
            #expect(failure.message.contains("deep") || failure.message.hasPrefix("expected"), "\(op): \(failure.message)")
        }
        // The error carries a position.
        if case .failure = Self.harness.run(statement) {
            let results = Parser.parse(SourceText(name: "chain", text: statement), stages: StageCatalog.grammars)
            if case .failure(let diagnostic) = results.first {
                #expect(diagnostic.location != nil, "\(op)")
            }
        }
    }

    @Test func longListsAndArgumentListsRun() {
        let items = Array(repeating: "1", count: Self.terms).joined(separator: ", ")
        if case .success(let table) = Self.harness.run("t | where a in (\(items)) | count") {
            #expect(table[0, 0] == .integer(1))
        } else {
            Issue.record("a 100,000-item in list failed")
        }
        if case .success(let table) = Self.harness.run("t | select c = coalesce(\(items))") {
            #expect(table[0, 0] == .integer(1))
        } else {
            Issue.record("a 100,000-argument call failed")
        }
    }

    /// At the budget's edge, every walk (usage, checking, evaluation,
    /// aggregate rewriting) still fits on the stack.
    @Test func theDeepestAllowedExpressionRunsEverywhere() {
        let sum = Array(repeating: "a", count: 1000).joined(separator: " + ")
        #expect(Self.harness.run("t | select x = \(sum)").map { $0[0, 0] } == .success(.integer(1000)))
        let comparable = Array(repeating: "a", count: 999).joined(separator: " + ")
        #expect(Self.harness.run("t | where \(comparable) > 0 | count").map { $0[0, 0] } == .success(.integer(2)))
        let aggregated = "sum(a)" + String(repeating: " + 1", count: 998)
        #expect(Self.harness.run("t | summarize x = \(aggregated)").map { $0[0, 0] } == .success(.integer(1001)))
        let tooDeep = Array(repeating: "a", count: 1002).joined(separator: " + ")
        #expect(Self.harness.run("t | select x = \(tooDeep)").map { $0.rowCount } == .failure(Harness.Failure(message: "expression more than 1000 operations deep; split it into steps with derive")))
    }
}

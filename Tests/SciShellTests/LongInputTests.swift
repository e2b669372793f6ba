import SciLanguage
@testable import SciShell
import Testing

/// 100,000-term input through everything the session does with a statement:
/// lexer, parser, planner, evaluator, the error's rendering, `.plan`, `.sql`
/// and the completer. Each runs or gives one positioned error; none crashes
/// (a walk as deep as the input is long would overflow the stack).
@Suite struct LongInputTests {
    static let terms = 100_000

    static func operand(_ op: BinaryOperator) -> String {
        switch op {
        case .and, .or: return "true"
        case .contains, .startsWith, .endsWith, .matches: return "\"a\""
        default: return "1"
        }
    }

    /// Runs one statement; the number of errors and what was said.
    static func run(_ text: String) throws -> (errors: Int, messages: String, output: String) {
        let (environment, captured) = ShellEnvironment.capturing()
        var session = try Session(environment: environment)
        let outcome = session.run(SourceText(name: "long.sq", text: text))
        return (outcome.errors, captured.messages, String(decoding: captured.output, as: UTF8.self))
    }

    static func expectRunsOrOnePositionedError(_ text: String, _ label: String) throws {
        let (errors, messages, output) = try run(text)
        #expect(errors <= 1, "\(label)")
        if errors == 1 {
            #expect(messages.hasPrefix("long.sq:1:"), "\(label): \(messages.prefix(200))")
            #expect(messages.components(separatedBy: "error:").count == 2, "\(label)")
        } else {
            #expect(!output.isEmpty, "\(label)")
        }
    }

    @Test(arguments: BinaryOperator.allCases)
    func everyOperatorChainRunsOrFailsOnceEverywhere(op: BinaryOperator) throws {
        let chain = Array(repeating: Self.operand(op), count: Self.terms).joined(separator: " \(op.rawValue) ")
        for statement in ["article | select x = \(chain)", ".plan article | where \(chain) == \(Self.operand(op)) | count",
                          ".sql spark article | summarize n = count() by x = \(chain)"] {
            try Self.expectRunsOrOnePositionedError(statement, "\(op) \(statement.prefix(30))")
        }
        // The completer reads the same text as it is typed.
        let (environment, _) = ShellEnvironment.capturing()
        let completer = Completer(session: try Session(environment: environment))
        _ = completer.complete(before: "article | where " + chain + " and ")
        _ = completer.complete(before: "article | select x = " + chain + " + (")
    }

    @Test func longListsAndArgumentListsEverywhere() throws {
        let ones = Array(repeating: "1", count: Self.terms).joined(separator: ", ")
        let texts = Array(repeating: "\"科\"", count: Self.terms).joined(separator: ", ")
        for statement in ["article | select x = least(\(ones))", "article | where \"科\" not in (\(texts)) | count",
                          ".plan article | select x = greatest(\(ones))", ".sql article | select x = coalesce(\(ones))",
                          ".sql spark article | where 1 in (\(ones)) | count"] {
            try Self.expectRunsOrOnePositionedError(statement, "\(statement.prefix(40))")
        }
        let (errors, _, output) = try Self.run("article | select g = greatest(\(ones)), c = coalesce(null, \(texts)), i = 1 in (\(ones))")
        #expect(errors == 0)
        #expect(output.contains("科") && output.contains("true"), "\(output)")
        let (environment, _) = ShellEnvironment.capturing()
        _ = Completer(session: try Session(environment: environment)).complete(before: "article | select x = greatest(\(ones), ")
    }
}

import Foundation
import Testing

/// Bugs the fuzzers found, each with the input that showed it (the inputs
/// are also in Fuzz/Corpus, so the harnesses run them first every time).
@Suite struct FuzzRegressionTests {
    /// fuzz-statements: `describe` crashed the process when the statement
    /// ran outside a Swift task (as in scicity itself): its worker bound the
    /// Ctrl-C check as a task-local on a Dispatch thread, which the
    /// concurrency runtime does not allow (SEGV in swift_task_localValuePush).
    @Test func describeRunsInTheRealProcess() throws {
        let result = try Binary.run(["-c", "people | describe | select column, count", "--csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text.hasPrefix("column,count\n"), "\(result.text)")
        #expect(result.text.split(separator: "\n").count > 2)
    }
}

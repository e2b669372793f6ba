import Synchronization
import Testing
@testable import SciShell

/// Ctrl-C at the prompt reaches the statement it was meant for: pressed
/// just after Enter, before the statement starts, it stops that statement;
/// a Ctrl-C left over from an earlier one stops nothing.
@Suite struct PromptInterruptTests {
    /// The SIGINT flag of the real process, as the program sees it.
    final class Flag: Sendable {
        let raised = Mutex(false)
        var isRaised: Bool { raised.withLock { $0 } }
        func raise() { raised.withLock { $0 = true } }
        func clear() { raised.withLock { $0 = false } }
    }

    /// Gives its lines in turn; before returning the line at `raiseAfter`,
    /// raises the flag, as a Ctrl-C pressed just after Enter does.
    struct ScriptedReader: LineReader {
        var lines: [String]
        let flag: Flag
        var raiseAfter: Set<Int>
        var given = 0

        mutating func readLine(prompt: String, completer: @escaping (String, String) -> Completion) -> LineReadResult {
            guard given < lines.count else { return .end }
            defer { given += 1 }
            if raiseAfter.contains(given) { flag.raise() }
            return .line(lines[given])
        }

        mutating func addHistory(_ entry: String) {}
    }

    func run(_ lines: [String], raiseAfter: Set<Int>, leftOver: Bool = false) -> CapturedOutput {
        let flag = Flag()
        if leftOver { flag.raise() }
        let captured = CapturedOutput()
        let environment = ShellEnvironment(
            writeOutput: { captured.output.append(contentsOf: $0) },
            writeMessage: { captured.messages += $0 },
            isInterrupted: { flag.isRaised })
        let program = Program(
            environment: environment, standardInputIsTerminal: true,
            readStandardInput: { [] },
            makeLineReader: { ScriptedReader(lines: lines, flag: flag, raiseAfter: raiseAfter) },
            clearInterrupt: { flag.clear() })
        _ = program.run(arguments: ["-i"])
        return captured
    }

    @Test func ctrlCJustAfterEnterStopsThatStatement() {
        let captured = run(["claims | count", "metrics | count"], raiseAfter: [0])
        #expect(captured.messages.contains("interrupted"), "\(captured.messages)")
        // The prompt goes on, and the next statement runs.
        #expect(captured.text.contains("13"), "\(captured.text)")
    }

    @Test func aCtrlCLeftOverFromBeforeStopsNothing() {
        let captured = run(["metrics | count"], raiseAfter: [], leftOver: true)
        #expect(!captured.messages.contains("interrupted"), "\(captured.messages)")
        #expect(captured.text.contains("13"), "\(captured.text)")
    }
}

import CEditLineShim
import SciIO
import SciShell
#if canImport(Glibc)
import Glibc
#endif

/// Connects the program to the real process: standard streams, the
/// terminal, signals, environment variables and the history file.
public enum TerminalMain {
    public static func run() -> Int32 {
        sce_ignore_sigpipe()
        sce_install_interrupt_handler()
        let variables = environmentVariables()
        let stdoutIsTerminal = isatty(1) == 1
        let stdinIsTerminal = isatty(0) == 1
        let noColor = !(variables["NO_COLOR"] ?? "").isEmpty || variables["TERM"] == "dumb"
        let columns = variables["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let standardOutput = FileDescriptorSink(fd: 1, path: "standard output")
        let stderrIsTerminal = isatty(2) == 1
        var environment = ShellEnvironment(
            writeOutput: { try standardOutput.write($0) },
            writeMessage: { message in
                var bytes = Array(message.utf8)
                // The terminal echoed "^C" where the cursor was: the message
                // that reports the interruption starts a line of its own.
                if stderrIsTerminal, sce_peek_interrupt() != 0 { bytes.insert(10, at: 0) }
                _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            },
            isInterrupted: { sce_peek_interrupt() != 0 },
            outputWidth: {
                if let columns { return columns }
                let width = Int(sce_terminal_width(1))
                return width > 0 ? width : nil
            },
            outputIsTerminal: stdoutIsTerminal,
            colorAllowed: stdoutIsTerminal && !noColor,
            variables: variables
        )
        if stderrIsTerminal {
            environment.writeProgress = { text in
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            }
        }
        environment.outputHeight = {
            let height = Int(sce_terminal_height(1))
            return height > 0 ? height : nil
        }
        let program = Program(
            environment: environment,
            standardInputIsTerminal: stdinIsTerminal,
            readStandardInput: { try FileSystem.read("-") },
            makeLineReader: {
                let history = HistoryFile.defaultPath(environment: variables).map { HistoryFile(path: $0) }
                return LibEditLineReader(history: history) {
                    if let columns { return columns }
                    let width = Int(sce_terminal_width(1))
                    return width > 0 ? width : 80
                }
            },
            clearInterrupt: { _ = sce_take_interrupt() }
        )
        return program.run(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    static func environmentVariables() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

import SciIO

/// What the session needs from the world outside it, passed in so that the
/// library does no terminal I/O of its own: tests hand in buffers, the
/// executable hands in standard output, standard error and the terminal.
public struct ShellEnvironment {
    /// Results (tables, CSV, JSON) go here.
    public var writeOutput: (ArraySlice<UInt8>) throws -> Void
    /// Messages and errors go here.
    public var writeMessage: (String) -> Void
    /// True once the user pressed Ctrl-C; polled while statements run.
    public var isInterrupted: @Sendable () -> Bool
    /// The terminal's width when standard output is one (or $COLUMNS).
    public var outputWidth: () -> Int?
    /// The terminal's height in lines when standard output is one (for the pager).
    public var outputHeight: () -> Int? = { nil }
    /// Draws a progress line on the terminal, as it is given; nil when
    /// standard error is not a terminal (no progress then).
    public var writeProgress: (@Sendable (String) -> Void)? = nil
    /// Whether standard output is a terminal (colour, fitting, row limits).
    public var outputIsTerminal: Bool
    /// Whether colour may be used ($NO_COLOR unset and a terminal).
    public var colorAllowed: Bool
    /// Environment variables (for NO_COLOR, fault injection in tests).
    public var variables: [String: String]

    public init(
        writeOutput: @escaping (ArraySlice<UInt8>) throws -> Void,
        writeMessage: @escaping (String) -> Void,
        isInterrupted: @escaping @Sendable () -> Bool = { false },
        outputWidth: @escaping () -> Int? = { nil },
        outputIsTerminal: Bool = false,
        colorAllowed: Bool = false,
        variables: [String: String] = [:]
    ) {
        self.writeOutput = writeOutput
        self.writeMessage = writeMessage
        self.isInterrupted = isInterrupted
        self.outputWidth = outputWidth
        self.outputIsTerminal = outputIsTerminal
        self.colorAllowed = colorAllowed
        self.variables = variables
    }

    /// An environment that collects output and messages in memory.
    public static func capturing() -> (ShellEnvironment, CapturedOutput) {
        let captured = CapturedOutput()
        let environment = ShellEnvironment(
            writeOutput: { captured.output.append(contentsOf: $0) },
            writeMessage: { captured.messages += $0 }
        )
        return (environment, captured)
    }
}

/// Output gathered by `ShellEnvironment.capturing()`.
public final class CapturedOutput: @unchecked Sendable {
    public var output: [UInt8] = []
    public var messages = ""
    public var text: String { String(decoding: output, as: UTF8.self) }
}

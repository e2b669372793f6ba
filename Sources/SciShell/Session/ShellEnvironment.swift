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
    /// Environment variables (NO_COLOR, COLUMNS, PAGER, …).
    public var variables: [String: String]
    /// A fault to inject into every file the session writes (tests).
    public var writeFault: WriteFault?

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
        self.writeFault = nil
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

/// A file write that fails part-way, as a full disk or Ctrl-C would make
/// it: tests check that the old file is intact and no temporary is left.
public struct WriteFault: Sendable {
    public enum Kind: Sendable {
        case interrupted
        case diskFull
    }

    public var afterBytes: Int
    public var kind: Kind

    public init(afterBytes: Int, kind: Kind) {
        self.afterBytes = afterBytes
        self.kind = kind
    }
}

/// Output gathered by `ShellEnvironment.capturing()`.
public final class CapturedOutput: @unchecked Sendable {
    public var output: [UInt8] = []
    public var messages = ""
    public var text: String { String(decoding: output, as: UTF8.self) }
}

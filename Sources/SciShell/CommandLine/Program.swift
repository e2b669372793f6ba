import SciIO
import SciLanguage

/// The whole program, apart from the terminal: parses the command line, runs
/// -c statements and script files, reads standard input, or drives the
/// prompt through a `LineReader`. Returns the exit status.
public struct Program {
    public var environment: ShellEnvironment
    public var standardInputIsTerminal: Bool
    public var readStandardInput: () throws -> [UInt8]
    /// Makes the line editor for the prompt; nil when there is none.
    public var makeLineReader: () -> (any LineReader)?
    /// Forgets a Ctrl-C that came before the prompt reads its next line.
    public var clearInterrupt: () -> Void

    public init(environment: ShellEnvironment, standardInputIsTerminal: Bool,
                readStandardInput: @escaping () throws -> [UInt8],
                makeLineReader: @escaping () -> (any LineReader)?,
                clearInterrupt: @escaping () -> Void = {}) {
        self.environment = environment
        self.standardInputIsTerminal = standardInputIsTerminal
        self.readStandardInput = readStandardInput
        self.makeLineReader = makeLineReader
        self.clearInterrupt = clearInterrupt
    }

    public enum ExitStatus {
        public static let success: Int32 = 0
        public static let failure: Int32 = 1
        public static let usage: Int32 = 2
        public static let interrupted: Int32 = 130
    }

    public func run(arguments: [String]) -> Int32 {
        let options: CommandLineOptions
        do {
            options = try CommandLineOptions.parse(arguments)
        } catch {
            environment.writeMessage("scicity: \(error.message)\nTry 'scicity --help' for more.\n")
            return ExitStatus.usage
        }
        if options.showHelp {
            return write(CommandLineOptions.usage) ? ExitStatus.success : ExitStatus.success
        }
        if options.listHelpExamples {
            let items = HelpText.examplesByTopic.map { topic, example in
                "{\"topic\": \(JSONText.quote(topic)), \"example\": \(JSONText.quote(example))}"
            }
            _ = write("[\n" + items.joined(separator: ",\n") + "\n]\n")
            return ExitStatus.success
        }
        if options.showVersion {
            _ = write("scicity \(CommandLineOptions.version)\n")
            return ExitStatus.success
        }
        var session: Session
        do {
            session = try Session(environment: environment)
        } catch {
            environment.writeMessage("scicity: the built-in dataset failed to load: \(error)\n")
            return ExitStatus.failure
        }
        if let format = options.format { session.settings.format = format }
        session.settings.excel = options.excel
        session.settings.headers = options.headers
        session.settings.engine = options.engine
        session.settings.sparkMaster = options.sparkMaster
        session.settings.printSQL = options.sqlDialect

        var failed = false
        for input in options.inputs {
            let source: SourceText
            switch input {
            case .statement(let text):
                source = SourceText(name: "-c", text: text)
            case .file(let path):
                do {
                    let bytes = path == "-" ? try readStandardInput() : try FileSystem.read(path)
                    source = try SourceText.decode(bytes, name: path == "-" ? "<stdin>" : path)
                } catch {
                    environment.writeMessage("scicity: \((error as? Diagnostic)?.rendered() ?? "\(error)")\n")
                    failed = true
                    if options.keepGoing { continue } else { return ExitStatus.failure }
                }
            }
            let outcome = session.run(source, keepGoing: options.keepGoing)
            if outcome.outputClosed { return ExitStatus.success }
            if outcome.interrupted { return ExitStatus.interrupted }
            if outcome.errors > 0 {
                failed = true
                if !options.keepGoing { return ExitStatus.failure }
            }
            if session.quitRequested { return session.quitStatus ?? (failed ? ExitStatus.failure : ExitStatus.success) }
        }

        let wantsPrompt = options.interactive || (options.inputs.isEmpty && standardInputIsTerminal)
        if wantsPrompt, var reader = makeLineReader() {
            prompt(&session, reader: &reader)
            return session.quitStatus ?? (failed ? ExitStatus.failure : ExitStatus.success)
        }
        if options.inputs.isEmpty {
            // Statements on standard input: a script without a prompt.
            do {
                let source = try SourceText.decode(try readStandardInput(), name: "<stdin>")
                let outcome = session.run(source, keepGoing: options.keepGoing)
                if outcome.outputClosed { return ExitStatus.success }
                if outcome.interrupted { return ExitStatus.interrupted }
                if let status = session.quitStatus { return status }
                if outcome.errors > 0 { return ExitStatus.failure }
            } catch {
                environment.writeMessage("scicity: \((error as? Diagnostic)?.rendered() ?? "\(error)")\n")
                return ExitStatus.failure
            }
        }
        return failed ? ExitStatus.failure : ExitStatus.success
    }

    func write(_ text: String) -> Bool {
        (try? environment.writeOutput(Array(text.utf8)[...])) != nil
    }

    /// A statement typed over several lines is recalled as one line (the
    /// editor edits one line at a time); one with a comment keeps its breaks,
    /// and so does one with a break inside a string, whose value a space
    /// would change.
    static func historyEntry(_ text: String) -> String {
        if text.contains("#") || breaksInsideQuotes(text) { return text }
        return text.split(separator: "\n").map { String($0).trimmingCharacters(of: " \t", trailing: false) }.joined(separator: " ")
    }

    /// Whether a string spans lines. (A quoted name ends at its line, and
    /// an unclosed string never reaches history: the prompt waits for its end.)
    static func breaksInsideQuotes(_ text: String) -> Bool {
        guard text.contains("\n") else { return false }
        let scalars = Array(text.unicodeScalars)
        return Lexer.tokenize(SourceText(name: "<history>", text: text)).contains { token in
            guard case .string = token.kind, token.range.start <= token.range.end, token.range.end <= scalars.count else { return false }
            return scalars[token.range.start..<token.range.end].contains("\n")
        }
    }

    public static let banner = "scicity \(CommandLineOptions.version): the facts of 上游新闻 2023-03-31 on 西部(重庆)科学城. Type .help for help, .tables for data, Ctrl-D to leave.\n"

    /// The read-run loop at the prompt.
    func prompt(_ session: inout Session, reader: inout any LineReader) {
        session.isInteractive = true
        environment.writeMessage(WordWrap.wrap(Self.banner, width: environment.outputWidth() ?? 0))
        var buffer = StatementBuffer()
        // The last statement run, which a later "|" line continues.
        var previous: String?
        while !session.quitRequested {
            let snapshot = session
            let text = buffer.text
            // Cleared before the line is read, not when it is run: a Ctrl-C
            // pressed just after Enter (before the statement starts) stops
            // that statement instead of being forgotten. While a line is
            // edited, Ctrl-C is a key, not a signal.
            clearInterrupt()
            let result = reader.readLine(prompt: buffer.isEmpty ? "scicity> " : "    ...> ") { before, after in
                Completer(session: snapshot).complete(before: text.isEmpty ? before : text + "\n" + before, after: after)
            }
            switch result {
            case .end:
                // Ctrl-D at a continuation prompt drops the unfinished
                // statement and says so; Ctrl-D on an empty prompt leaves.
                if !buffer.isEmpty {
                    environment.writeMessage("(unfinished statement dropped; Ctrl-D again leaves)\n")
                    buffer.clear()
                    continue
                }
                return
            case .interrupted:
                buffer.clear()
                continue
            case .line(let line):
                if buffer.isEmpty, PromptContinuation.startsWithPipe(line), let earlier = PromptContinuation.continuable(previous) {
                    buffer.add(earlier)
                }
                buffer.add(line)
                if buffer.text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
                    buffer.clear()
                    continue
                }
                if buffer.needsMore || reader.nextLineContinuesStatement() { continue }
                reader.addHistory(Self.historyEntry(buffer.text))
                // An interruption has already been reported as an error.
                session.run(SourceText(name: "<prompt>", text: buffer.text), keepGoing: true)
                previous = buffer.text
                buffer.clear()
            }
        }
    }
}

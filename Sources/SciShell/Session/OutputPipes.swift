import SciEngine
import SciIO
import SciLanguage

/// `.output |COMMAND` and `.once |COMMAND`: results piped to a shell command,
/// as sqlite3 does. `.once` waits for the command, so its output is complete
/// before the next statement; `.output` keeps one command open until the next
/// `.output` (or the end of the session).
enum OutputPipes {
    /// The command in `|COMMAND`, or nil for a file name.
    static func command(in target: String) -> String? {
        guard target.hasPrefix("|") else { return nil }
        return String(target.dropFirst()).trimmingCharacters(of: " \t")
    }

    static func once(_ table: Table, to command: String, options: OutputOptions, environment: ShellEnvironment) throws {
        let pipe = try CommandPipe(command: command)
        do {
            try write(table, to: pipe, options: options, environment: environment)
        } catch {
            pipe.finish()
            throw error
        }
        report(pipe.finish(), command, environment)
    }

    static func write(_ table: Table, to pipe: CommandPipe, options: OutputOptions, environment: ShellEnvironment) throws {
        let interrupted = environment.isInterrupted
        try TableWriter.write(table, options: options) { chunk in
            if interrupted() { throw Interrupted() }
            try pipe.write(chunk)
        }
    }

    /// A command that failed (not found: 127) is worth a word.
    static func report(_ status: Int32?, _ command: String, _ environment: ShellEnvironment) {
        if let status, status != 0 {
            environment.writeMessage("scicity: |\(command) exited with status \(status)\n")
        }
    }

    /// Ends `.output |COMMAND`, waiting for the command to finish.
    static func close(_ session: inout Session) {
        guard let pipe = session.outputPipe else { return }
        session.outputPipe = nil
        report(pipe.finish(), pipe.command, session.environment)
    }
}

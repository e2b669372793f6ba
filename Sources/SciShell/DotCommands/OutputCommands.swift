import SciIO
import SciLanguage

/// `.mode`, `.headers`, `.excel`, `.output`, `.once`: where results go and how.
enum OutputCommands {
    static let all: [DotCommandDeclaration] = [
        DotCommandDeclaration(
            name: "mode", usage: ".mode [FORMAT]",
            summary: "Sets how results are written: " + FileFormats.names.joined(separator: ", ") + " (.help formats).",
            details: FileFormats.all.map { "\($0.name): \($0.summary)" }.joined(separator: "; ") + ". Without an argument, shows the current mode.",
            examples: [".mode csv\npeople | select name, name_en | take 2", ".mode markdown\nmetrics | select metric, value, unit | take 2"],
            arguments: .format
        ) { command, session, _ in
            guard let name = command.arguments.first else {
                session.environment.writeMessage("mode: \(session.settings.excel && session.settings.format == .csv ? "excel" : session.settings.format.rawValue)\n")
                return
            }
            guard command.arguments.count == 1, let format = FileFormats.named(name) else {
                throw Diagnostic(message: FileFormats.unknown(name, what: "mode") + " (modes: \(FileFormats.names.joined(separator: ", ")))", range: command.range)
            }
            session.settings.format = format.output
            if format.excel { session.settings.excel = true }
        },
        DotCommandDeclaration(
            name: "headers", usage: ".headers on|off",
            summary: "Turns the header row of csv, tsv and markdown output on or off.",
            examples: [".mode csv\n.headers off\nentities | select id | take 2"],
            arguments: .onOff
        ) { command, session, _ in
            session.settings.headers = try DotCommands.onOff(command, ".headers on|off")
        },
        DotCommandDeclaration(
            name: "excel", usage: ".excel on|off",
            summary: "The spreadsheet flavour of csv and tsv: a byte-order mark, CRLF line ends, and formula-safe text.",
            details: "Text that starts with =, +, -, @, a tab or a carriage return gets a leading ' so Excel never runs it as a formula; numbers stay numbers. The same as --excel on the command line.",
            examples: [".excel on\narticle | select formula = \"=1+1\", n = 1 | export \"/tmp/scicity-help-excel.csv\"\n.excel off\n.mode csv\nload \"/tmp/scicity-help-excel.csv\""],
            arguments: .onOff
        ) { command, session, _ in
            session.settings.excel = try DotCommands.onOff(command, ".excel on|off")
        },
        DotCommandDeclaration(
            name: "output", usage: ".output [FILE|'|COMMAND']",
            summary: "Sends every result that follows to FILE, or through a pipe to a shell COMMAND; without either, back to standard output.",
            details: "The file is written atomically after each result: it is never left half-written. `.output |sort` pipes every result to one sort, which finishes at the next .output or when scicity ends.",
            examples: [".output /tmp/scicity-help-output.csv\n.mode csv\npeople | select name\n.output"],
            arguments: .path
        ) { command, session, _ in
            OutputPipes.close(&session)
            if let target = pipeTarget(command) {
                guard let shellCommand = OutputPipes.command(in: target), !shellCommand.isEmpty else {
                    throw Diagnostic(message: "usage: .output |COMMAND (a shell command after the |)", range: command.range)
                }
                session.settings.outputPath = nil
                session.outputPipe = try CommandPipe(command: shellCommand)
                return
            }
            // A refused target changes nothing, and says where results go.
            let unchanged = session.settings.outputPath.map { "; results still go to \($0)" } ?? ""
            guard command.arguments.count <= 1 else { throw Diagnostic(message: "usage: .output [FILE]" + unchanged, range: command.range) }
            let path = command.arguments.first
            if path == "" { throw Diagnostic(message: "expected a file name after .output (none for standard output)" + unchanged, range: command.range) }
            if let path, path != "stdout", let problem = FileSystem.writeProblem(path, probe: true) {
                throw Diagnostic(message: problem + unchanged, range: command.range)
            }
            session.settings.outputPath = path == "stdout" ? nil : path
            if let path { session.outputSoFar[path] = nil }
        },
        DotCommandDeclaration(
            name: "once", usage: ".once FILE|'|COMMAND'",
            summary: "Sends only the next result to FILE, or through a pipe to a shell COMMAND.",
            details: "`.once |sort -r` pipes the next result to sort and waits for it to finish. A next statement that fails or is stopped with Ctrl-C spends it too, writing nothing.",
            examples: [".once /tmp/scicity-help-once.json\n.mode json\nevents | take 1"],
            arguments: .path
        ) { command, session, _ in
            if let target = pipeTarget(command) {
                guard let shellCommand = OutputPipes.command(in: target), !shellCommand.isEmpty else {
                    throw Diagnostic(message: "usage: .once |COMMAND (a shell command after the |)", range: command.range)
                }
                session.settings.oncePath = "|" + shellCommand
                return
            }
            guard command.arguments.count == 1, !command.arguments[0].isEmpty else {
                throw Diagnostic(message: "usage: .once FILE|'|COMMAND'", range: command.range)
            }
            if let problem = FileSystem.writeProblem(command.arguments[0], probe: true) {
                let unchanged = session.settings.outputPath.map { "; the next result goes to \($0)" } ?? ""
                throw Diagnostic(message: problem + unchanged, range: command.range)
            }
            session.settings.oncePath = command.arguments[0]
        },
    ]

    /// `|COMMAND` as typed (the rest of the line), or one quoted argument
    /// that starts with "|"; nil for a file name.
    static func pipeTarget(_ command: DotCommand) -> String? {
        if command.rest.hasPrefix("|") { return command.rest }
        if command.arguments.count == 1, command.arguments[0].hasPrefix("|") { return command.arguments[0] }
        return nil
    }
}

import SciEngine
import SciIO
import SciLanguage

/// `.help`, `.read`, `.timer`, `.quit`.
enum ControlCommands {
    static let all: [DotCommandDeclaration] = [
        DotCommandDeclaration(
            name: "help", usage: ".help [TOPIC]",
            summary: "Shows help: the commands and stages, or one topic (stages, functions, aggregates, or any command, stage or function by name).",
            examples: [".help", ".help join", ".help functions"],
            arguments: .helpTopic
        ) { command, session, _ in
            var text = try HelpText.text(for: command.arguments.first, range: command.range)
            // Wrapped at words to the terminal (or $COLUMNS, or .maxwidth).
            if let width = session.outputOptions(toTerminal: session.environment.outputIsTerminal).width {
                text = WordWrap.wrap(text, width: width)
            }
            try session.environment.writeOutput(Array(text.utf8)[...])
        },
        DotCommandDeclaration(
            name: "read", usage: ".read FILE",
            summary: "Runs the statements in FILE, as if typed here; an error stops it and names the file, line and column.",
            examples: [".headers off\n.once /tmp/scicity-help-script.sq\n.mode tsv\narticle | select statement = \"people | count\"\n.headers on\n.mode table\n.read /tmp/scicity-help-script.sq"],
            arguments: .path
        ) { command, session, _ in
            guard command.arguments.count == 1 else { throw Diagnostic(message: "usage: .read FILE", range: command.range) }
            guard session.readDepth < 16 else { throw Diagnostic(message: ".read nested more than 16 deep (does a file read itself?)", range: command.range) }
            let path = command.arguments[0]
            let source = try SourceText.decode(try FileSystem.read(path), name: path)
            session.readDepth += 1
            let wasInteractive = session.isInteractive
            session.isInteractive = false
            defer {
                session.readDepth -= 1
                session.isInteractive = wasInteractive
            }
            let outcome = session.run(source)
            if outcome.outputClosed { throw FileDescriptorSink.Closed() }
            if outcome.errors > 0 { throw ReadFailed() }
        },
        DotCommandDeclaration(
            name: "limit", usage: ".limit [memory SIZE]",
            summary: "Sets the most memory one result may take (4GB, 512MB; at first half of this machine's): a join that would make more is refused before it is built, with how many rows it would make; a CSV file whose whole read would need more is read a block at a time where the pipeline allows, and refused before it is read where it does not; an expression or string_agg that makes more text than that stops with an error when it gets there.",
            examples: [".limit memory 1GB\n.limit"],
            arguments: .choice(["memory"])
        ) { command, session, _ in
            guard let what = command.arguments.first else {
                session.environment.writeMessage("memory: \(MemoryEstimate.size(session.settings.memoryLimit))\n")
                return
            }
            guard what == "memory", command.arguments.count == 2, let bytes = MemoryEstimate.parse(command.arguments[1]), bytes >= 1 << 20 else {
                throw Diagnostic(message: "usage: .limit memory SIZE, with SIZE like 4GB or 512MB (at least 1MB)", range: command.range)
            }
            session.settings.memoryLimit = bytes
        },
        DotCommandDeclaration(
            name: "timer", usage: ".timer on|off",
            summary: "Prints how long each statement took, on standard error.",
            examples: [".timer on\nentities | count\n.timer off"],
            arguments: .onOff
        ) { command, session, _ in
            session.settings.timer = try DotCommands.onOff(command, ".timer on|off")
        },
        DotCommandDeclaration(
            name: "quit", aliases: ["exit"], usage: ".quit [CODE]",
            summary: "Leaves scicity (Ctrl-D on an empty line does the same), with exit status CODE (0 to 255) when given, as sqlite3's .exit.",
            examples: [".quit"],
            arguments: .text
        ) { command, session, _ in
            guard command.arguments.count <= 1 else { throw Diagnostic(message: "usage: .\(command.name) [CODE]", range: command.range) }
            if let code = command.arguments.first {
                guard let status = Int32(code), (0...255).contains(status) else {
                    throw Diagnostic(message: "expected an exit status from 0 to 255 after .\(command.name), found \"\(code)\"", range: command.range)
                }
                session.quitStatus = status
            }
            session.quitRequested = true
        },
    ]
}

/// A `.read` whose file failed: its own error is already reported, so the
/// reading statement fails without a second message.
struct ReadFailed: Error {}

import SciLanguage

/// `.pager`, `.maxrows`, `.maxwidth`: how results taller or wider than the
/// terminal are shown.
enum DisplayCommands {
    static let all: [DotCommandDeclaration] = [
        DotCommandDeclaration(
            name: "pager", usage: ".pager on|off",
            summary: "Shows a result taller than the terminal through $PAGER (less -SRFX if unset), whole; off cuts it instead.",
            details: "The pager gets the whole table at full width: with less, arrows scroll sideways and q returns to the prompt. On by default on a terminal; PAGER set empty turns it off.",
            examples: [".pager off"],
            arguments: .onOff
        ) { command, session, _ in
            session.settings.pager = try DotCommands.onOff(command, ".pager on|off")
        },
        DotCommandDeclaration(
            name: "maxrows", usage: ".maxrows N",
            summary: "Cuts results on a terminal to N rows, the first and last halves with ⋮ between (0: never cut).",
            details: "Without .maxrows, a result is cut at 40 rows only when the pager is off.",
            examples: [".maxrows 10"],
            arguments: .text
        ) { command, session, _ in
            session.settings.maxRows = try count(command, ".maxrows N")
        },
        DotCommandDeclaration(
            name: "maxwidth", usage: ".maxwidth N",
            summary: "Fits tables on a terminal to N columns instead of the terminal's width (0: the terminal's).",
            examples: [".maxwidth 80"],
            arguments: .text
        ) { command, session, _ in
            session.settings.maxWidth = try count(command, ".maxwidth N")
        },
    ]

    static func count(_ command: DotCommand, _ usage: String) throws -> Int {
        guard command.arguments.count == 1, let n = Int(command.arguments[0]), n >= 0, n <= 1_000_000 else {
            throw Diagnostic(message: "usage: \(usage) (a whole number, 0 for no limit)", range: command.range)
        }
        return n
    }
}

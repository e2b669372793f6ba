import SciLanguage

/// A dot-command declares its name, usage, help and examples in one place.
/// `.help` is generated from these declarations, completion reads their
/// argument kinds, and the test suite runs every example.
public struct DotCommandDeclaration: Sendable {
    /// What completion offers for the arguments.
    public enum ArgumentKind: Sendable {
        case none, table, format, onOff, path, helpTopic, text
        /// One of these words (`.engine duckdb`).
        case choice([String])
        /// A whole statement (`.plan`), completed as one typed at the
        /// prompt would be, after any one of `options` (`.sql spark`).
        case statement(after: [String] = [])
    }

    public let name: String
    public let aliases: [String]
    public let usage: String
    public let summary: String
    public let details: String
    public let examples: [String]
    public let arguments: ArgumentKind
    let run: @Sendable (DotCommand, inout Session, SourceText) throws -> Void

    init(name: String, aliases: [String] = [], usage: String, summary: String, details: String = "",
         examples: [String], arguments: ArgumentKind,
         run: @escaping @Sendable (DotCommand, inout Session, SourceText) throws -> Void) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.details = details
        self.examples = examples
        self.arguments = arguments
        self.run = run
    }

    func usageError(_ command: DotCommand) -> Diagnostic {
        Diagnostic(message: "usage: \(usage)", range: command.range)
    }
}

public enum DotCommands {
    public static let all: [DotCommandDeclaration] =
        OutputCommands.all + DisplayCommands.all + DataCommands.all + [PlanCommand.declaration, SQLCommands.sql, SQLCommands.engine] + ControlCommands.all

    public static func declaration(named name: String) -> DotCommandDeclaration? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    static func run(_ command: DotCommand, in session: inout Session, source: SourceText) throws {
        guard let declaration = declaration(named: command.name) else {
            let names = all.flatMap { [$0.name] + $0.aliases }
            let unknown = "unknown command \".\(command.name)\""
            // The suggestion as it would be typed, with its dot.
            guard let match = Suggestion.nearest(to: command.name, in: names) else {
                throw Diagnostic(message: unknown + "; .help lists them", range: command.range)
            }
            throw Diagnostic(message: unknown + "; did you mean \".\(match)\"?", range: command.range)
        }
        try declaration.run(command, &session, source)
    }

    static func onOff(_ command: DotCommand, _ declaration: String) throws -> Bool {
        guard command.arguments.count == 1 else { throw Diagnostic(message: "usage: \(declaration)", range: command.range) }
        switch command.arguments[0].lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw Diagnostic(message: "expected on or off, found \"\(command.arguments[0])\"", range: command.range)
        }
    }
}

import SciIO
import SciLanguage

/// What running some statements printed: results and messages, apart.
/// Used to embed scicity and to test it without a terminal.
public struct Transcript: Sendable {
    public var output: String
    public var messages: String
    public var errors: Int

    /// Runs `text` in a fresh session (or the given one) and captures what
    /// it prints.
    public static func of(_ text: String, format: OutputFormat = .table, name: String = "<test>", keepGoing: Bool = false,
                          engine: EngineChoice = .builtin, variables: [String: String] = [:]) -> Transcript {
        var (environment, captured) = ShellEnvironment.capturing()
        environment.variables = variables
        guard var session = try? Session(environment: environment) else {
            return Transcript(output: "", messages: "the dataset failed to load", errors: 1)
        }
        session.settings.format = format
        session.settings.engine = engine
        let outcome = session.run(SourceText(name: name, text: text), keepGoing: keepGoing)
        return Transcript(output: captured.text, messages: captured.messages, errors: outcome.errors)
    }
}

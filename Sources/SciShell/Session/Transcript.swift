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
    public static func of(_ text: String, format: OutputFormat = .table, name: String = "<test>", keepGoing: Bool = false) -> Transcript {
        let (environment, captured) = ShellEnvironment.capturing()
        guard var session = try? Session(environment: environment) else {
            return Transcript(output: "", messages: "the dataset failed to load", errors: 1)
        }
        session.settings.format = format
        let outcome = session.run(SourceText(name: name, text: text), keepGoing: keepGoing)
        return Transcript(output: captured.text, messages: captured.messages, errors: outcome.errors)
    }
}

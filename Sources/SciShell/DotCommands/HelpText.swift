import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// Help, generated from the declarations of stages, functions, aggregates
/// and dot-commands, so it cannot drift from what the program does.
public enum HelpText {
    public static func text(for topic: String?, range: SourceRange = .none) throws -> String {
        guard let topic, !topic.isEmpty else { return overview }
        let name = topic.hasPrefix(".") ? String(topic.dropFirst()) : topic
        switch name {
        case "stages": return section("Stages", StageCatalog.all.map { ($0.signature, $0.summary) })
        case "functions": return section("Functions", Functions.all.map { ($0.signature, $0.summary) })
        case "aggregates": return section("Aggregates (inside summarize, or window)", Aggregates.all.map { ($0.signature, $0.summary) })
        case "window": break
        case "windows": return section("Window functions (inside window)", WindowFunctions.all.map { ($0.signature, $0.summary) })
        case "formats": return section("Formats (--mode, .mode, export … as, and by a file's extension)", FileFormats.all.map { format in
            let extensions = format.extensions.map { "." + $0 }.joined(separator: " ")
            return (format.name + (extensions.isEmpty ? "" : "  " + extensions), format.summary + (format.reader == nil ? "" : "; readable by load and .import"))
        })
        case "commands": return section("Dot-commands", DotCommands.all.map { ($0.usage, $0.summary) })
        default: break
        }
        if !topic.hasPrefix("."), let idea = HelpTopics.topic(named: name) { return HelpTopics.text(idea) }
        if let command = DotCommands.declaration(named: name), topic.hasPrefix(".") || StageCatalog.all.first(where: { $0.name == name }) == nil {
            return entry(command.usage, command.summary, command.details, command.examples)
        }
        if let stage = StageCatalog.all.first(where: { $0.name == name }) {
            return entry(stage.signature, stage.summary, "", stage.examples)
        }
        if let function = Functions.declaration(named: name) {
            return entry(function.signature, function.summary, "", [function.example])
        }
        if let aggregate = Aggregates.declaration(named: name) {
            let text = entry(aggregate.signature + " (aggregate)", aggregate.summary, "", [aggregate.example])
            // first and last are both: an aggregate, and inside window a window function.
            guard let function = WindowFunctions.declaration(named: name) else { return entry(aggregate.signature, aggregate.summary, "", [aggregate.example]) }
            return text + "\n" + entry(function.signature + " (inside window)", function.summary, "", [function.example])
        }
        if let function = WindowFunctions.declaration(named: name) {
            return entry(function.signature, function.summary, "", [function.example])
        }
        let topics = self.topics + DotCommands.all.map(\.name)
        let unknown = "no help on \"\(topic)\""
        guard let match = Suggestion.nearest(to: name, in: topics) else { throw Diagnostic(message: unknown, range: range) }
        // Asked about a dot-command: suggested as one, with its dot.
        let dot = topic.hasPrefix(".") && DotCommands.declaration(named: match) != nil ? "." : ""
        throw Diagnostic(message: "\(unknown); did you mean \"\(dot)\(match)\"?", range: range)
    }

    /// What `.help` has a page on, besides the dot-commands: for completion
    /// and for "did you mean".
    static var topics: [String] {
        ["stages", "functions", "aggregates", "windows", "formats", "commands"] + HelpTopics.all.map(\.name) + StageCatalog.all.map(\.name)
            + Functions.all.map(\.name) + Aggregates.all.map(\.name) + WindowFunctions.all.map(\.name)
    }

    /// Every example `.help` shows, for the test that runs them all.
    /// Each example with the help topic that shows it.
    public static var examplesByTopic: [(topic: String, example: String)] {
        StageCatalog.all.flatMap { stage in stage.examples.map { (stage.name, $0) } }
            + Functions.all.map { ($0.name, $0.example) } + Aggregates.all.map { ($0.name, $0.example) }
            + WindowFunctions.all.map { ($0.name, $0.example) }
            + DotCommands.all.flatMap { command in command.examples.map { ("." + command.name, $0) } }
            + HelpTopics.all.flatMap { topic in topic.examples.map { (topic.name, $0) } }
    }

    public static var allExamples: [String] {
        StageCatalog.all.flatMap(\.examples) + Functions.all.map(\.example) + Aggregates.all.map(\.example) + WindowFunctions.all.map(\.example)
            + DotCommands.all.flatMap(\.examples) + HelpTopics.all.flatMap(\.examples)
    }

    static var overview: String {
        var text = """
        scicity: pipelines over the facts of one article, and your own CSV files.

          TABLE | STAGE | STAGE ...        e.g.  metrics | where unit == "亩" | summarize total = sum(value)
          let NAME = PIPELINE              keeps a result as a table
          .COMMAND ARGS                    a dot-command

        """
        text += section("Stages", StageCatalog.all.map { ($0.signature, $0.summary) })
        text += "\n" + section("Dot-commands", DotCommands.all.map { ($0.usage, $0.summary) })
        text += "\nMore: .help stages | functions | aggregates | commands | load | let | null | types | dates | NAME\n"
        return text
    }

    /// Two columns: a synopsis and its summary. A synopsis wider than the
    /// first column has its summary on the next line, in the summary column,
    /// so that every summary starts in the same place.
    static func section(_ title: String, _ rows: [(String, String)]) -> String {
        let width = min(44, rows.map { DisplayWidth.of($0.0) }.max() ?? 0)
        var text = "\(title):\n"
        for (left, right) in rows {
            let leftWidth = DisplayWidth.of(left)
            if leftWidth > width {
                text += "  " + left + "\n" + String(repeating: " ", count: width + 4) + right + "\n"
            } else {
                text += "  " + left + String(repeating: " ", count: width - leftWidth + 2) + right + "\n"
            }
        }
        return text
    }

    static func entry(_ usage: String, _ summary: String, _ details: String, _ examples: [String]) -> String {
        var text = "\(usage)\n\n  \(summary)\n"
        if !details.isEmpty { text += "\n  \(details)\n" }
        if !examples.isEmpty {
            text += "\nExample\(examples.count == 1 ? "" : "s"):\n"
            for example in examples {
                text += example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return text
    }
}

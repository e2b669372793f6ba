import SciLanguage
import SciPlan

/// `.plan STATEMENT`: what a pipeline will compute, before it runs.
enum PlanCommand {
    static let declaration = DotCommandDeclaration(
        name: "plan", usage: ".plan STATEMENT",
        summary: "Shows the plan of a pipeline without running it: each step, the columns it gives and their types (? where a value may be null).",
        details: "The plan is read from the bottom up: the source, then each stage. Names and types are checked here as when the pipeline runs, and a file is looked at only as far as its first rows. Rewrites show in the plan: the columns a load reads, and sort followed by take kept as the top N.",
        examples: [#".plan metrics | where unit == "亩" | summarize total = sum(value) by entity"#],
        arguments: .statement()
    ) { command, session, source in
        let statementSource = embedded(command, in: source)
        let statement = try Parser.parseStatement(statementSource, stages: StageCatalog.grammars)
        let pipeline: Pipeline
        var header = ""
        switch statement {
        case .pipeline(let p): pipeline = p
        case .assignment(let name, _, let p):
            pipeline = p
            header = "let \(name) =\n"
        case .dotCommand:
            throw Diagnostic(message: ".plan shows the plan of a pipeline, like .plan metrics | count", range: command.range)
        }
        let planned: PlannedPipeline
        do {
            planned = try session.plan(pipeline, in: statementSource)
        } catch let diagnostic as Diagnostic {
            throw diagnostic.located(in: statementSource)
        }
        try session.environment.writeOutput(Array((header + PlanPrinter.text(planned)).utf8)[...])
    }

    /// The statement after `.plan` as source text of its own whose lines and
    /// columns are those of the script, so errors point where it was written.
    static func embedded(_ command: DotCommand, in source: SourceText) -> SourceText {
        let whole = source.slice(command.range)
        let offset = command.range.start + max(0, whole.unicodeScalars.count - command.rest.unicodeScalars.count)
        let location = source.location(of: min(offset, source.scalars.count))
        let padding = String(repeating: " ", count: max(0, location.column - 1))
        return SourceText(name: source.name, text: padding + command.rest, firstLine: location.line)
    }
}

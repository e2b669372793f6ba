import SciLanguage
import SciPlan

/// At the prompt, as in a script, a line that starts with "|" continues the
/// statement before it. Pasted text arrives with its "|" lines already
/// waiting, so the prompt reads them before it runs anything (see
/// `LineReader.nextLineContinuesStatement`). A "|" line typed after the
/// statement has run continues the last pipeline: it runs again with the
/// stages added, and that is the statement history keeps.
enum PromptContinuation {
    static func startsWithPipe(_ line: String) -> Bool {
        line.trimmingCharacters(of: " \t", trailing: false).hasPrefix("|")
    }

    /// The statement a "|" line continues: the last one run, when that was
    /// a pipeline or a `let` (a dot-command has no rows to pass on).
    static func continuable(_ text: String?) -> String? {
        guard let text else { return nil }
        switch Parser.parse(SourceText(name: "<prompt>", text: text), stages: StageCatalog.grammars).last {
        case .success(.pipeline)?, .success(.assignment)?: return text
        default: return nil
        }
    }
}

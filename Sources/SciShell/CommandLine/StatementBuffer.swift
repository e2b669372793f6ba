import SciLanguage
import SciPlan

/// Gathers typed lines until they make a whole statement: a line that ends
/// with "|", leaves a quote or a parenthesis open, gets a continuation prompt.
public struct StatementBuffer: Sendable {
    public private(set) var text = ""

    public init() {}

    public var isEmpty: Bool { text.isEmpty }

    public mutating func add(_ line: String) {
        text += text.isEmpty ? line : "\n" + line
    }

    public mutating func clear() { text = "" }

    /// True when the text so far stops in the middle of a statement.
    public var needsMore: Bool {
        Self.isIncomplete(text)
    }

    /// Parsed with the line break Enter adds: a statement that a line break
    /// ends (`metrics | take`) is an error now, not a reason to wait for a
    /// next line that could never continue it.
    public static func isIncomplete(_ text: String) -> Bool {
        let results = Parser.parse(SourceText(name: "<prompt>", text: text + "\n"), stages: StageCatalog.grammars)
        guard let last = results.last else { return false }
        if case .failure(let diagnostic) = last { return diagnostic.isIncomplete }
        return false
    }
}

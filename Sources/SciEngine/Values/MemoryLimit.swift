import SciLanguage

/// The statement's memory limit (`.limit memory`) where a size is not known
/// before the work runs: an expression that makes text can make far more
/// than its input (`lpad(name, 100000)` over 200,000 names is 20 GB), and the
/// kernel's out-of-memory killer would end the session. Bound by the plan's
/// runner for its statement, as `Cancellation` is; nil: no limit.
public enum MemoryLimit {
    @TaskLocal public static var current: Int? = nil

    /// Runs `body` with `limit` as the statement's limit.
    public static func run<T>(_ limit: Int?, _ body: () throws -> T) rethrows -> T {
        try $current.withValue(limit, operation: body)
    }

    /// The error of an expression at `range` that made more text than `limit`.
    static func tooMuchText(_ limit: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(message: "this expression makes more than \(MemoryEstimate.size(limit)) of text, more than the memory limit (.limit memory); filter first, or make shorter text", range: range)
    }

    /// The text a kernel made with `limit` as its cap (`replace`,
    /// `regexp_replace`, `lpad`), which it gives as nil when the text would
    /// have passed it: the error then.
    static func text(_ made: String?, cappedAt limit: Int?, at range: SourceRange) throws -> Value {
        guard let made else { throw tooMuchText(limit ?? 0, at: range) }
        return .string(made)
    }
}

/// Text an expression makes and keeps outside a column builder (one value
/// per distinct text, say), counted against the statement's limit as it is
/// made.
struct TextBudget {
    let limit = MemoryLimit.current
    let range: SourceRange
    private var made = 0

    init(range: SourceRange) {
        self.range = range
    }

    mutating func count(_ value: Value) throws {
        guard case .string(let text) = value, let limit else { return }
        made += text.utf8.count
        if made > limit { throw MemoryLimit.tooMuchText(limit, at: range) }
    }
}

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
}

/// What a kernel that makes text looks at as it goes: Ctrl-C every 64 rows
/// (a row's text can take milliseconds to make: a stride of 16,384 once
/// kept Ctrl-C waiting a minute), and after every row the bytes of text made
/// so far against the limit (a single row can be megabytes).
struct TextGuard {
    let limit = MemoryLimit.current
    let range: SourceRange
    /// Bytes of text made, for a kernel that holds every result it makes.
    private var made = 0

    init(range: SourceRange) {
        self.range = range
    }

    /// A row built into `builder`, whose text is what it holds.
    func check(row: Int, _ builder: ColumnBuilder) throws {
        if row & 63 == 0 { try Cancellation.check() }
        if let limit, builder.textBytes > limit { throw tooMuch(limit) }
    }

    /// After the last row: the rows since the last check (all of them, for
    /// one row) are counted too.
    func finish(_ builder: ColumnBuilder) throws {
        if let limit, builder.textBytes > limit { throw tooMuch(limit) }
    }

    /// A value made and kept (one per distinct text, say).
    mutating func count(_ value: Value) throws {
        guard case .string(let text) = value else { return }
        try count(bytes: text.utf8.count)
    }

    /// Text about to be made and kept: counted before it is made.
    mutating func count(bytes: Int) throws {
        guard let limit else { return }
        made += bytes
        if made > limit { throw tooMuch(limit) }
    }

    func tooMuch(_ limit: Int) -> Diagnostic {
        Diagnostic(message: "this expression makes more than \(MemoryEstimate.size(limit)) of text, more than the memory limit (.limit memory); filter first, or make shorter text", range: range)
    }
}

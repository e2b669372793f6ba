import SciLanguage

/// The builder of an expression kernel that makes its column row by row.
/// Every append looks at Ctrl-C every 64 rows (one row's text can take
/// milliseconds to make: a stride of 16,384 once kept Ctrl-C waiting a
/// minute) and at the text held against the statement's memory limit (one
/// row can be megabytes), so a kernel cannot make a column and forget either.
struct CheckedColumnBuilder {
    private var builder = ColumnBuilder()
    /// The statement's limit, or nil.
    let limit = MemoryLimit.current
    /// The expression, where the limit's error points.
    let range: SourceRange
    private var rows = 0

    init(range: SourceRange) {
        self.range = range
    }

    /// Appends one value; false when its type cannot join the column's.
    mutating func append(_ value: Value) throws -> Bool {
        if rows & 63 == 0 { try Cancellation.check() }
        rows += 1
        let joined = builder.append(value)
        if let limit, builder.textBytes > limit { throw tooMuch() }
        return joined
    }

    /// Refuses text of `bytes` before it is made, when holding it would pass
    /// the limit (a group's values joined by a long separator, say).
    func willMake(bytes: Int) throws {
        if let limit, builder.textBytes + bytes > limit { throw tooMuch() }
    }

    func build(count: Int) -> Column {
        builder.build(count: count)
    }

    /// The error for text past the limit (at most the limit, when it is nil).
    func tooMuch() -> Diagnostic {
        MemoryLimit.tooMuchText(limit ?? 0, at: range)
    }
}

import SciLanguage

/// first, last and string_agg: aggregates that read each group's rows in
/// the order they come in. (Inside `window`, first and last are the window
/// functions, which read the partition in the window's sort order.)
extension Aggregates {
    static let inOrder: [AggregateDeclaration] = [
        AggregateDeclaration(
            name: "first", signature: "first(x)", summary: "x of the group's first row as the rows come in (null when that row's x is).",
            example: #"events | summarize first_event = first(event)"#, arity: 1...1,
            typing: { .result($0 ?? .null) }, compute: { try edge($0, $1, $2, last: false) }),
        AggregateDeclaration(
            name: "last", signature: "last(x)", summary: "x of the group's last row as the rows come in.",
            example: #"events | summarize last_event = last(event)"#, arity: 1...1,
            typing: { .result($0 ?? .null) }, compute: { try edge($0, $1, $2, last: true) }),
        AggregateDeclaration(
            name: "string_agg", signature: "string_agg(x, separator)", summary: "The values as text (nulls left out), in the order the rows come in, joined with the separator written out; null when there are none.",
            example: #"people | where title contains "院士" | summarize names = string_agg(name, "、")"#, arity: 2...2,
            typing: { _ in .result(.string) }, compute: { _, _, range in throw Diagnostic(message: "string_agg needs its separator", range: range) },
            parameter: AggregateParameter(check: separatorCheck, compute: stringAgg)),
    ]

    static let separatorCheck: @Sendable (Value) -> String? = { value in
        guard case .string = value else { return "string_agg needs its separator written out as text, such as \", \"" }
        return nil
    }

    static func edge(_ input: Column?, _ grouping: Grouping, _ range: SourceRange, last: Bool) throws -> Column {
        guard let input else { throw Diagnostic(message: "\(last ? "last" : "first") needs a column", range: range) }
        var picked = [Int](repeating: -1, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where last || picked[Int(group)] < 0 {
            picked[Int(group)] = row
        }
        return input.gather(picked)
    }

    static func stringAgg(_ separator: Value, _ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        guard let input else { throw Diagnostic(message: "string_agg needs a column", range: range) }
        guard case .string(let glue) = separator else { return Column.nulls(of: .string, count: grouping.groupCount) }
        var parts = [[String]](repeating: [], count: grouping.groupCount)
        let column = input.compacted()
        if case .string(let codes, let dictionary) = column.storage {
            // Each distinct text made once, not once per row.
            let texts = (0..<dictionary.count).map { dictionary.string($0) }
            for (row, group) in grouping.groupOfRow.enumerated() where !column.isNull(row) {
                try Cancellation.check(row: row)
                parts[Int(group)].append(texts[Int(codes[row])])
            }
        } else {
            for (row, group) in grouping.groupOfRow.enumerated() where !column.isNull(row) {
                try Cancellation.check(row: row)
                parts[Int(group)].append(column[row].description)
            }
        }
        var builder = CheckedColumnBuilder(range: range)
        // A long separator between millions of values: its size is known
        // before it is joined, and refused then when it would pass the limit.
        let glueBytes = glue.utf8.count
        for p in parts {
            try builder.willMake(bytes: p.reduce(0) { $0 + $1.utf8.count } + glueBytes * max(0, p.count - 1))
            _ = try builder.append(p.isEmpty ? .null : .string(p.joined(separator: glue)))
        }
        return builder.build(count: grouping.groupCount).conformed(to: .string)
    }
}

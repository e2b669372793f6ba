import SciEngine
import SciLanguage

/// What `chart` draws: its kind, the columns it reads (positions in the
/// rows that reach it) and, with `to`, the SVG file it writes.
public struct ChartRequest: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A bar per row: LABEL, VALUE.
        case bar
        /// Counts of a number column's values in equal bins.
        case histogram
        /// Y against X, through the points in X's order.
        case line
    }

    public var kind: Kind
    public var columns: [Int]
    public var bins: Int?
    public var path: String?
    public var pathRange: SourceRange?
}

/// `chart bar LABEL, VALUE | chart histogram COL [bins N] | chart line X, Y
/// [to "FILE.svg"]`: ends a pipeline by drawing its rows.
enum ChartStage {
    static let declaration = StageDeclaration(
        keyword: "chart",
        grammar: .sequence([
            .name(what: "bar, histogram or line after \"chart\""),
            .list(.column),
            .optional(word: "bins", .integer(what: "a number of bins after \"bins\"")),
            .optional(word: "to", .string(what: "an SVG file name in quotes after \"to\"")),
        ]),
        signature: "chart bar LABEL, VALUE | chart histogram COL [bins N] | chart line X, Y  [to \"FILE.svg\"]",
        summary: "Ends the pipeline by drawing its rows with block characters, fitted to the terminal (plain text in a script or pipe); with to, writes the same chart as an SVG file.",
        examples: [#"metrics | summarize n = count() by unit | chart bar unit, n"#, #"metrics | where unit == "个" | chart histogram value bins 4"#],
        otherNames: ["plot", "graph"],
        completion: .expressions(keywords: ChartRequest.Kind.allCases.map(\.rawValue) + ["bins", "to"], aggregates: false),
        role: .sink(sink)
    )

    static func sink(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> PipelineSink {
        guard case .name(let kindName, let kindRange) = stage.arguments[0], case .list(let items) = stage.arguments[1] else {
            throw planner.malformed(stage)
        }
        guard let kind = ChartRequest.Kind(rawValue: kindName) else {
            throw Diagnostic(message: Suggestion.message("unknown chart \"\(kindName)\"", for: kindName, in: ChartRequest.Kind.allCases.map(\.rawValue)), range: kindRange)
        }
        var columns: [Int] = []
        var ranges: [SourceRange] = []
        for item in items {
            guard case .expression(let reference) = item else { throw planner.malformed(stage) }
            columns.append(try planner.columnIndex(reference, in: input.schema))
            ranges.append(reference.range)
        }
        let wanted = kind == .histogram ? 1 : 2
        guard columns.count == wanted else {
            let form = kind == .bar ? "chart bar LABEL, VALUE" : kind == .histogram ? "chart histogram COLUMN" : "chart line X, Y"
            throw Diagnostic(message: "\(form) takes \(wanted) column\(wanted == 1 ? "" : "s"), not \(columns.count)", range: stage.range)
        }
        func require(_ index: Int, _ allowed: Set<ValueType>, _ what: String) throws {
            let type = input.schema.columns[columns[index]].type
            guard allowed.contains(type) || type == .null else {
                throw Diagnostic(message: "\(kind.rawValue) charts need \(what) here, but this is \(type.article)", range: ranges[index])
            }
        }
        switch kind {
        case .bar: try require(1, [.integer, .decimal, .float], "numbers")
        case .histogram: try require(0, [.integer, .decimal, .float], "numbers")
        case .line:
            try require(0, [.integer, .decimal, .float, .date], "numbers or dates")
            try require(1, [.integer, .decimal, .float], "numbers")
        }
        var bins: Int?
        if case .integer(let n, let range) = stage.arguments[2] {
            guard kind == .histogram else { throw Diagnostic(message: "bins belongs to chart histogram", range: range) }
            guard (1...200).contains(n) else { throw Diagnostic(message: "bins must be between 1 and 200", range: range) }
            bins = n
        }
        var request = ChartRequest(kind: kind, columns: columns, bins: bins)
        if case .string(let path, let range) = stage.arguments[3] {
            guard path.lowercased().hasSuffix(".svg") else {
                throw Diagnostic(message: "chart … to writes an SVG file: give it a name ending in .svg", range: range)
            }
            request.path = path
            request.pathRange = range
        }
        return .chart(request)
    }
}

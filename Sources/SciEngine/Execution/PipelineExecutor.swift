import SciLanguage

/// Where the executor finds the tables a pipeline names or loads. The shell's
/// session implements it (it knows the dataset, `let` results, imports and
/// files); the engine itself reads no files.
public protocol TableProvider {
    func table(named name: String, at range: SourceRange) throws -> Table
    /// Reads a file; `columns`, when given, are the only ones the pipeline
    /// reads, so the others need not be built.
    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table
}

/// `export "FILE"` ends a pipeline; the shell writes the file.
public struct ExportRequest: Sendable {
    public var path: String
    public var pathRange: SourceRange
    public var format: String?
}

public struct PipelineResult: Sendable {
    public var table: Table
    public var export: ExportRequest?
}

/// The rewrites the executor may make for speed. Each must leave the rows
/// unchanged; the property tests run pipelines with and without each.
public struct Rewrites: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Build and carry only the columns later stages read.
    public static let projectionPushdown = Rewrites(rawValue: 1)
    /// `sort … | take N` as a bounded heap instead of a full sort.
    public static let topN = Rewrites(rawValue: 2)

    public static let all: Rewrites = [.projectionPushdown, .topN]
}

/// Runs a pipeline: the source, then each stage over the whole table.
public struct PipelineExecutor {
    let tables: any TableProvider
    /// Polled between stages, so Ctrl-C stops a long pipeline.
    let isCancelled: () -> Bool
    let rewrites: Rewrites

    public init(tables: any TableProvider, rewrites: Rewrites = .all, isCancelled: @escaping () -> Bool = { false }) {
        self.tables = tables
        self.rewrites = rewrites
        self.isCancelled = isCancelled
    }

    public func run(_ pipeline: Pipeline) throws -> PipelineResult {
        let needed = rewrites.contains(.projectionPushdown) ? ColumnUsage.needed(by: pipeline.stages) : nil
        var table = try source(pipeline.source, columns: needed)
        // Carry only the columns the stages read: a filter then gathers no
        // more than it must. (Not when a name is unknown: its error should
        // suggest from every column.)
        let hasJoin = pipeline.stages.contains { if case .join = $0.kind { return true } else { return false } }
        if let needed, hasJoin || needed.isSubset(of: table.columnNames), needed.count < table.columns.count {
            table = table.projecting(table.fields.indices.filter { needed.contains(table.fields[$0].name) })
        }
        var export: ExportRequest?
        var index = 0
        let stages = pipeline.stages
        while index < stages.count {
            if isCancelled() { throw Diagnostic(message: "interrupted", range: stages[index].range) }
            let stage = stages[index]
            if export != nil {
                throw Diagnostic(message: "export must be the last stage of a pipeline", range: stages[index - 1].range)
            }
            // `sort … | take N` keeps only N rows and never sorts the rest.
            if rewrites.contains(.topN), case .sort(let keys) = stage.kind, index + 1 < stages.count, case .take(let limit) = stages[index + 1].kind {
                table = try Stages.sort(table, keys, limit: limit)
                index += 2
                continue
            }
            switch stage.kind {
            case .filter(let condition): table = try Stages.filter(table, condition)
            case .select(let items): table = try Stages.select(table, items)
            case .derive(let items): table = try Stages.derive(table, items)
            case .sort(let keys): table = try Stages.sort(table, keys, limit: nil)
            case .take(let n): table = table.prefix(max(0, n))
            case .summarize(let aggregates, let groups): table = try Stages.summarize(table, aggregates, groups)
            case .distinct(let columns): table = try Stages.distinct(table, columns)
            case .count: table = Table(named: nil, columns: [("count", Column(.integer([Int64(table.rowCount)])))])
            case .join(let join):
                table = try Stages.join(table, join, right: try source(join.table, columns: nil), rightName: join.alias ?? sourceName(join.table))
            case .export(let path, let pathRange, let format):
                export = ExportRequest(path: path, pathRange: pathRange, format: format)
            }
            try Self.requireUniqueNames(table, stage)
            index += 1
        }
        return PipelineResult(table: table, export: export)
    }

    /// Every stage gives columns of different names: a second column of the
    /// same name could never be selected, and JSON would repeat a key.
    static func requireUniqueNames(_ table: Table, _ stage: Stage) throws {
        var seen = Set<String>()
        for name in table.columnNames where !seen.insert(name).inserted {
            throw Diagnostic(
                message: "\(stage.keyword) would give two columns named \"\(name)\"; name one of them with NAME = … (or qualify it: table.\(name))",
                range: stage.range
            )
        }
    }

    func source(_ source: Source, columns: Set<String>?) throws -> Table {
        switch source {
        case .table(let name, let range): return try tables.table(named: name, at: range)
        case .load(let path, let range):
            // A loaded file's columns come from a table named after the file,
            // so `f.col` names them after a join as it would a table's.
            let loaded = try tables.load(path: path, columns: columns, at: range)
            return loaded.fields.allSatisfy({ $0.origin == nil }) ? loaded.withOrigin(sourceName(source)) : loaded
        }
    }

    func sourceName(_ source: Source) -> String {
        switch source {
        case .table(let name, _): return name
        case .load(let path, _):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            return file.split(separator: ".").first.map(String.init) ?? file
        }
    }
}

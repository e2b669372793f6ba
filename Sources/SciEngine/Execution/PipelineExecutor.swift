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

/// Runs a pipeline: the source, then each stage over the whole table.
public struct PipelineExecutor {
    let tables: any TableProvider
    /// Polled between stages, so Ctrl-C stops a long pipeline.
    let isCancelled: () -> Bool

    public init(tables: any TableProvider, isCancelled: @escaping () -> Bool = { false }) {
        self.tables = tables
        self.isCancelled = isCancelled
    }

    public func run(_ pipeline: Pipeline) throws -> PipelineResult {
        let needed = ColumnUsage.needed(by: pipeline.stages)
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
            if case .sort(let keys) = stage.kind, index + 1 < stages.count, case .take(let limit) = stages[index + 1].kind {
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
            case .join(let join): table = try Stages.join(table, join, right: try source(join.table, columns: nil), rightName: sourceName(join.table))
            case .export(let path, let pathRange, let format):
                export = ExportRequest(path: path, pathRange: pathRange, format: format)
            }
            index += 1
        }
        return PipelineResult(table: table, export: export)
    }

    func source(_ source: Source, columns: Set<String>?) throws -> Table {
        switch source {
        case .table(let name, let range): return try tables.table(named: name, at: range)
        case .load(let path, let range): return try tables.load(path: path, columns: columns, at: range)
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

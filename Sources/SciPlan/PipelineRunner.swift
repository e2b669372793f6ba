import SciEngine
import SciLanguage

/// Plans a pipeline, rewrites the plan, and runs it. A file whose first
/// rows suggested other types than its whole turns out to have is planned
/// again with the rows already read, so a late text value in a column of
/// numbers costs a second look, not a second read.
public struct PipelineRunner {
    let catalog: any Catalog
    let rewrites: Rewrites
    let isCancelled: () -> Bool
    let memoryLimit: Int?

    public init(catalog: any Catalog, rewrites: Rewrites = .all, memoryLimit: Int? = nil, isCancelled: @escaping () -> Bool = { false }) {
        self.catalog = catalog
        self.rewrites = rewrites
        self.memoryLimit = memoryLimit
        self.isCancelled = isCancelled
    }

    /// The plan, checked and rewritten; nothing is read but files' first rows.
    public func plan(_ pipeline: Pipeline, in source: SourceText, mayReadData: Bool = true) throws -> PlannedPipeline {
        var planned = try Planner(catalog: catalog, source: source, mayReadData: mayReadData).plan(pipeline)
        planned.plan = rewrites.apply(to: planned.plan)
        return planned
    }

    /// Runs a plan made by `plan` (for the same pipeline).
    public func run(_ planned: PlannedPipeline, _ pipeline: Pipeline, in source: SourceText) throws -> Table {
        var current = planned
        var known = KnownFiles(base: catalog)
        for _ in 0..<4 {
            do {
                return try PlanExecutor(catalog: known, memoryLimit: memoryLimit, isCancelled: isCancelled).run(current.plan)
            } catch let changed as PlanExecutor.SchemaChanged {
                known.files[changed.path] = changed.table
                current = try PipelineRunner(catalog: known, rewrites: rewrites, memoryLimit: memoryLimit, isCancelled: isCancelled).plan(pipeline, in: source)
            }
        }
        throw Diagnostic(message: "the files of this pipeline keep changing while they are read", range: pipeline.range)
    }

    /// Runs a plan of row-wise stages over a large file a block at a time,
    /// handing each block's rows to `receive` (an export writes them as they
    /// come). False, before anything is received, when the plan or file does
    /// not stream; `Streaming.Abandoned` when a block fails, for the caller
    /// to drop what it received and `run` the plan whole.
    public func runInParts(_ planned: PlannedPipeline, _ receive: (Table) throws -> Void) throws -> Bool {
        try Streaming(executor: PlanExecutor(catalog: catalog, memoryLimit: memoryLimit, isCancelled: isCancelled)).runInParts(planned.plan, receive)
    }

    /// Plans and runs.
    public func run(_ pipeline: Pipeline, in source: SourceText) throws -> (table: Table, export: ExportRequest?) {
        let planned = try plan(pipeline, in: source)
        return (try run(planned, pipeline, in: source), planned.export)
    }
}

/// A catalog that knows some files' rows already: their schema comes from
/// the rows, and a load of columns they hold reads nothing again.
struct KnownFiles: Catalog {
    let base: any Catalog
    var files: [String: Table] = [:]

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        try base.schema(ofTable: name, at: range)
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema {
        var schema = try base.schema(ofFile: path, at: range)
        if let table = files[path] {
            for (index, column) in schema.columns.enumerated() {
                if let found = table.column(named: column.name) { schema.columns[index].type = found.type }
            }
        }
        return schema
    }

    func table(named name: String, at range: SourceRange) throws -> Table {
        try base.table(named: name, at: range)
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        if let table = files[path], let columns, columns.isSubset(of: Set(table.columnNames)) { return table }
        if let table = files[path], columns == nil, try base.schema(ofFile: path, at: range).columns.count == table.columns.count { return table }
        return try base.load(path: path, columns: columns, at: range)
    }

    /// A file read already is not read again a block at a time.
    func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)? {
        files[path] == nil ? try base.blocks(path: path, columns: columns, types: types, onlyWhenLarge: onlyWhenLarge, at: range) : nil
    }
}

import SciEngine
import SciLanguage

/// Turns a pipeline into a plan: every name resolved to a column, table or
/// function, every type checked, every node's columns known, and every
/// error reported with its place, all before any row is read. A file's
/// columns come from the catalog's look at its header and first rows.
public struct Planner {
    public let catalog: any Catalog
    public let source: SourceText
    /// Whether planning may read rows, where a stage's columns come from the
    /// data (pivot). Completion plans without.
    public let mayReadData: Bool

    public init(catalog: any Catalog, source: SourceText, mayReadData: Bool = true) {
        self.catalog = catalog
        self.source = source
        self.mayReadData = mayReadData
    }

    public func plan(_ pipeline: Pipeline) throws -> PlannedPipeline {
        var plan = try planSource(pipeline.source)
        var sink: PipelineSink?
        var sinkStage: Stage?
        for stage in pipeline.stages {
            if let sinkStage {
                throw Diagnostic(message: "\(sinkStage.keyword) must be the last stage of a pipeline", range: sinkStage.range)
            }
            guard let declaration = StageCatalog.declaration(named: stage.keyword) else { throw malformed(stage) }
            switch declaration.role {
            case .sink(let makeSink):
                sink = try makeSink(stage, plan, self)
                sinkStage = stage
            case .transform(let transform):
                plan = try transform(stage, plan, self)
                try Self.requireUniqueNames(plan.schema, stage)
            }
        }
        return PlannedPipeline(plan: plan, sink: sink)
    }

    /// A plan node for `stage`, labelled with what the stage says.
    public func node(_ node: Plan.Node, _ schema: Schema, for stage: Stage) -> Plan {
        Plan(node, schema: schema, range: stage.range, label: label(stage.range))
    }

    /// The parser read a stage its declaration cannot plan: a mismatch
    /// between a grammar and its planning, never the user's doing.
    func malformed(_ stage: Stage) -> Diagnostic {
        Diagnostic(message: "internal error: the stage \"\(stage.keyword)\" was read in a form it cannot plan", range: stage.range)
    }

    public func label(_ range: SourceRange) -> String {
        source.slice(range).split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(of: " ") }.joined(separator: " ")
    }

    public func planSource(_ sourceSyntax: Source) throws -> Plan {
        switch sourceSyntax {
        case .table(let name, let range):
            let schema = try catalog.schema(ofTable: name, at: range)
            return Plan(.table(name: name, columns: nil), schema: schema, range: range, label: "table \(name)")
        case .load(let path, let range):
            var schema = try catalog.schema(ofFile: path, at: range)
            // A loaded file's columns are named after the file, as a table's are.
            if schema.columns.allSatisfy({ $0.origin == nil }) {
                schema = schema.withOrigin(Self.sourceName(sourceSyntax))
            }
            return Plan(.load(path: path, columns: nil), schema: schema, range: range, label: label(range))
        }
    }

    static func sourceName(_ source: Source) -> String {
        switch source {
        case .table(let name, _): return name
        case .load(let path, _):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            return file.split(separator: ".").first.map(String.init) ?? file
        }
    }

    /// The column a plain reference names (`name` or `t.name`).
    public func columnIndex(_ reference: Expression, in schema: Schema) throws -> Int {
        guard case .column(let name) = reference.kind else {
            throw Diagnostic(message: "expected a column name", range: reference.range)
        }
        return try schema.resolve(name, at: reference.range)
    }

    /// An expression that reads column `index` as it is.
    public func reference(to index: Int, in schema: Schema) -> BoundExpression {
        let column = schema.columns[index]
        return BoundExpression(.column(index), type: column.type, nullable: column.nullable, range: .none, text: column.name)
    }

    func binder(_ schema: Schema) -> ExpressionBinder {
        ExpressionBinder(schema: schema, source: source)
    }

    /// " (A and B)" naming both items that give a name, unless they read alike.
    static func both(_ first: String, _ second: String) -> String {
        first == second ? "" : " (\(first) and \(second))"
    }

    /// Every stage gives columns of different names: a second column of the
    /// same name could never be selected, and JSON would repeat a key.
    static func requireUniqueNames(_ schema: Schema, _ stage: Stage) throws {
        var seen = Set<String>()
        for name in schema.names where !seen.insert(name).inserted {
            throw Diagnostic(
                message: "\(stage.keyword) would give two columns named \"\(name)\"; give one another name (rename \(name) as …, or NAME = … where the stage takes it)",
                range: stage.range
            )
        }
    }
}

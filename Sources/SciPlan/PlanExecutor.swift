import SciEngine
import SciLanguage

/// Runs a plan: the engine's operation for each node, inputs first. Ctrl-C
/// is polled between nodes (and by the file reader while it reads).
public struct PlanExecutor {
    let catalog: any Catalog
    let isCancelled: () -> Bool
    /// No stage may build a result larger than this (bytes); nil: no limit.
    let memoryLimit: Int?

    public init(catalog: any Catalog, memoryLimit: Int? = nil, isCancelled: @escaping () -> Bool = { false }) {
        self.catalog = catalog
        self.memoryLimit = memoryLimit
        self.isCancelled = isCancelled
    }

    /// A file's rows turned out to differ in type from what its first rows
    /// suggested: the plan is made again with the rows in hand.
    struct SchemaChanged: Error {
        var path: String
        var table: Table
    }

    public func run(_ plan: Plan) throws -> Table {
        if isCancelled() { throw Interrupted() }
        let table = try MemoryLimit.run(memoryLimit) { try execute(plan) }
        guard table.columns.count == plan.schema.columns.count else {
            throw Diagnostic(message: "internal error: \(plan.label) gave \(table.columns.count) columns, not \(plan.schema.columns.count)", range: plan.range)
        }
        // Every result has the names and types the plan promised.
        let columns = zip(table.columns, plan.schema.columns).map { $0.conformed(to: $1.type) }
        return Table(fields: plan.schema.fields, columns: columns, rowCount: table.rowCount)
    }

    func execute(_ plan: Plan) throws -> Table {
        // A large file a block at a time, where the stages allow; any error
        // there and the plan runs whole, for the error the user should see.
        do {
            if let streamed = try Streaming(executor: self).run(plan) { return streamed }
        } catch let interrupted as Interrupted {
            throw interrupted
        } catch {}
        switch plan.node {
        case .table(let name, let columns):
            let table = try catalog.table(named: name, at: plan.range)
            return columns.map { table.projecting($0) } ?? table
        case .load(let path, let columns):
            let loaded = try catalog.load(path: path, columns: columns, at: plan.range)
            var picked: [Column] = []
            for column in plan.schema.columns {
                guard let found = loaded.column(named: column.name) else {
                    throw Diagnostic(message: "\(path) no longer has a column \"\(column.name)\"", range: plan.range)
                }
                if found.type != column.type, found.type != .null { throw SchemaChanged(path: path, table: loaded) }
                picked.append(found)
            }
            return Table(fields: plan.schema.fields, columns: picked, rowCount: loaded.rowCount)
        case .filter(let input, let condition):
            return try Stages.filter(try run(input), condition)
        case .select(let input, let expressions):
            return try Stages.select(try run(input), Array(zip(plan.schema.fields, expressions)))
        case .derive(let input, let items):
            return try Stages.derive(try run(input), items.map { ($0.name, $0.expression) })
        case .sort(let input, let keys, let limit):
            return try Stages.sort(try run(input), keys.map { ($0.expression, $0.descending) }, limit: limit)
        case .take(let input, let n):
            return try run(input).prefix(n)
        case .topPerGroup(let input, let order, let n, let groups):
            return try Stages.topPerGroup(try run(input), order: order.map { ($0.expression, $0.descending) }, n: n, groups: groups)
        case .takePerGroup(let input, let n, let keys):
            return try Stages.takePerGroup(try run(input), n, keys: keys)
        case .summarize(let input, let groups, let aggregates, let outputs):
            let groupFields = Array(plan.schema.fields.prefix(groups.count))
            let outputNames = plan.schema.names.dropFirst(groups.count)
            return try Stages.summarize(try run(input), groups: Array(zip(groupFields, groups)), aggregates: aggregates, outputs: Array(zip(outputNames, outputs)))
        case .distinct(let input, let keys):
            return try Stages.distinct(try run(input), keys.map { Array(zip(plan.schema.fields, $0)) })
        case .count(let input):
            return Stages.count(try run(input))
        case .describe(let input):
            return try Stages.describe(try run(input))
        case .unpivot(let input, let columns):
            let table = try run(input)
            // One row per row and column: refused before it is built when it would not fit.
            let (rows, overflow) = table.rowCount.multipliedReportingOverflow(by: columns.count)
            let (bytes, tooMany) = rows.multipliedReportingOverflow(by: MemoryEstimate.bytesPerRow(table.columns))
            if let memoryLimit, overflow || tooMany || bytes > memoryLimit {
                throw Diagnostic(message: "this unpivot would make \(overflow ? "more than \(MemoryEstimate.grouped(Int.max))" : MemoryEstimate.grouped(rows)) rows, about \(tooMany || overflow ? "more than \(MemoryEstimate.size(Int.max))" : MemoryEstimate.size(bytes)), more than the memory limit of \(MemoryEstimate.size(memoryLimit)) (.limit memory); filter or select first", range: plan.range)
            }
            return try Stages.unpivot(table, columns: columns, fields: plan.schema.fields)
        case .pivot(let input, let keys, let column, let values, let aggregates, let output):
            return try Stages.pivot(try run(input), keys: keys, column: column, values: values, aggregates: aggregates, output: output, fields: plan.schema.fields)
        case .sample(let input, let n, let seed):
            return Stages.sample(try run(input), n, seed: seed)
        case .window(let input, let partition, let order, let calls, let items):
            let table = try Stages.window(try run(input), partition: partition, order: order.map { ($0.expression, $0.descending) },
                                          calls: calls, items: items.map { ($0.name, $0.expression) })
            return table
        case .append(let top, let bottom, let rightToOutput):
            let first = try run(top)
            let second = try run(bottom)
            var columns: [Column] = []
            for (index, column) in plan.schema.columns.enumerated() {
                let upper = index < first.columns.count ? first.columns[index] : .nulls(of: column.type, count: first.rowCount)
                let lower = rightToOutput.firstIndex(of: index).map { second.columns[$0] } ?? .nulls(of: column.type, count: second.rowCount)
                columns.append(upper.conformed(to: column.type).appending(lower.conformed(to: column.type)))
            }
            return Table(fields: plan.schema.fields, columns: columns, rowCount: first.rowCount + second.rowCount)
        case .join(let left, let right, let keys):
            let leftTable = try run(left)
            let rightTable = try run(right)
            if isCancelled() { throw Interrupted() }
            return try Stages.join(leftTable, rightTable, keys: keys.pairs, kind: keys.kind, fields: plan.schema.fields, memoryLimit: memoryLimit, range: plan.range)
        }
    }
}

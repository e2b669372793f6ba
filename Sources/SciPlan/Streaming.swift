import SciEngine
import SciLanguage

/// A pipeline over a file too large to hold at once, run a block of rows at
/// a time: the row-wise stages over `load` (where, select, derive, and an
/// inner, left, semi or anti join against rows made once) run on each block, then at most one stage that reduces the rows — `count`,
/// `take N`, `distinct`, or a `summarize` whose aggregates merge (count,
/// an exact sum or average, min, max) — combines the blocks' results. The rows and
/// their order are those of the whole-file run: blocks come in file order,
/// and groups and distinct rows keep their first appearance.
///
/// Anything else reads the file whole, as do the stages above the reduced
/// rows (sort and window need every row). Any error in a block — a value
/// that does not fit the planned type, an overflow in a block's partial
/// sum — makes the caller run the plan whole, for the error or the
/// re-plan the user should see.
public struct Streaming {
    let executor: PlanExecutor

    /// The reserved name of the block a stage reads.
    static let blockName = "\u{1}block"

    /// Whether the plan's top stage can run a block at a time (when its
    /// file is large), for the executor and `.plan`.
    static func streams(_ plan: Plan) -> Bool {
        let (reducer, chainRoot) = Self.reducer(plan)
        guard load(under: chainRoot) != nil, reducer != nil || chainRoot.node.isRowWise else { return false }
        if let reducer, case .summarize(_, _, let aggregates, _) = reducer.node { return aggregates.allSatisfy(merges) }
        return true
    }

    /// The plan's rows, streamed; nil when the plan does not stream.
    func run(_ plan: Plan) throws -> Table? {
        guard Self.streams(plan) else { return nil }
        let (reducer, chainRoot) = Self.reducer(plan)
        var results: [Table] = []
        var rows = 0
        // Distinct rows of each block are nearly the block where the rows
        // are mostly different: merging them costs more than one distinct
        // over the file, so it streams only a file too large to read whole.
        let onlyWhenLarge: Bool
        if case .distinct? = reducer?.node { onlyWhenLarge = true } else { onlyWhenLarge = false }
        let sawBlock = try eachBlock(under: chainRoot, onlyWhenLarge: onlyWhenLarge) { chain, blockExecutor in
            switch reducer?.node {
            case .count?:
                rows += try blockExecutor.run(chain).rowCount
            case .take(_, let n)?:
                let taken = Self.compacted(try blockExecutor.run(chain))
                results.append(taken)
                rows += taken.rowCount
                if rows >= n { return false }
            case .distinct(_, let keys)?:
                let node = Plan(.distinct(chain, keys: keys), schema: plan.schema, range: plan.range, label: plan.label)
                results.append(Self.compacted(try blockExecutor.run(node)))
            case .summarize(_, let groups, let aggregates, _)?:
                results.append(Self.compacted(try blockExecutor.run(Self.partial(chain, groups, aggregates, plan))))
            default:
                results.append(Self.compacted(try blockExecutor.run(chain)))
            }
            return true
        }
        guard sawBlock == true else { return nil }
        switch reducer?.node {
        case .count?:
            return Stages.count(Table(fields: [], columns: [], rowCount: rows))
        case .take(_, let n)?:
            return try Self.concatenate(results, schema: chainRoot.schema).prefix(n)
        case .distinct?:
            let whole = try Self.concatenate(results, schema: plan.schema)
            return try Stages.distinct(whole, nil)
        case .summarize(_, let groups, let aggregates, let outputs)?:
            let partials = Self.partialSchema(groups, aggregates, plan)
            let whole = try Self.concatenate(results, schema: partials)
            let merged = Self.merged(Plan(.table(name: Self.blockName, columns: nil), schema: partials, range: plan.range, label: plan.label), groups.count, aggregates, outputs, plan)
            return try PlanExecutor(catalog: BlockCatalog(base: executor.catalog, block: whole), memoryLimit: executor.memoryLimit, isCancelled: executor.isCancelled).run(merged)
        default:
            return try Self.concatenate(results, schema: plan.schema)
        }
    }

    /// A block's error while its rows were handed on a part at a time: the
    /// caller drops what it wrote and runs the plan whole, for the error or
    /// the re-plan the user should see.
    public struct Abandoned: Error {
        public let underlying: any Error
    }

    /// An error of the receiver of the parts, passed through as it is.
    struct ReceiverFailed: Error {
        let underlying: any Error
    }

    /// A plan of row-wise stages over a large file, each block's rows handed
    /// to `receive` as they are made, so no more than a block is held (an
    /// export of a filtered file). False, before `receive` is called, when
    /// the plan or the file does not stream. An error of a block is thrown
    /// as `Abandoned`; `receive`'s own errors and Ctrl-C pass through.
    func runInParts(_ plan: Plan, _ receive: (Table) throws -> Void) throws -> Bool {
        guard Self.streams(plan), Self.reducer(plan).0 == nil else { return false }
        do {
            let sawBlock = try eachBlock(under: plan, onlyWhenLarge: false) { chain, blockExecutor in
                let rows = try blockExecutor.run(chain)
                do { try receive(rows) } catch { throw ReceiverFailed(underlying: error) }
                return true
            }
            return sawBlock == true
        } catch let failed as ReceiverFailed {
            throw failed.underlying
        } catch let interrupted as Interrupted {
            throw interrupted
        } catch {
            throw Abandoned(underlying: error)
        }
    }

    /// Runs `body` on each block of the file under the row-wise chain, with
    /// the chain reading that block and an executor whose catalog has it;
    /// `body` returns false to stop. Nil when the file is not read in
    /// blocks (it is small), false when it had none.
    func eachBlock(under chainRoot: Plan, onlyWhenLarge: Bool, _ body: (_ chain: Plan, _ executor: PlanExecutor) throws -> Bool) throws -> Bool? {
        guard let leaf = Self.load(under: chainRoot), case .load(let path, let columns) = leaf.node else { return nil }
        // A column with no value in the file's first rows is planned as
        // null: its type is known only from the whole file (numbers further
        // down), so such a file is read whole, for its own types.
        guard !leaf.schema.columns.contains(where: { $0.type == .null }) else { return nil }
        var types: [String: ValueType] = [:]
        for column in leaf.schema.columns where column.type != .null { types[column.name] = column.type }
        guard let blocks = try executor.catalog.blocks(path: path, columns: columns, types: types, onlyWhenLarge: onlyWhenLarge, at: leaf.range) else { return nil }

        var joined: [String: Table] = [:]
        let chainWithJoins = try materializingJoins(chainRoot, into: &joined)
        let chain = Self.replacingLeaf(of: chainWithJoins, with: Plan(.table(name: Self.blockName, columns: nil), schema: leaf.schema, range: leaf.range, label: leaf.label))
        var sawBlock = false
        while let block = try blocks.next() {
            if executor.isCancelled() { throw Interrupted() }
            sawBlock = true
            let picked = try leaf.schema.columns.map { column -> Column in
                guard let found = block.column(named: column.name) else {
                    throw Diagnostic(message: "\(path) no longer has a column \"\(column.name)\"", range: leaf.range)
                }
                // Values where the first rows had none: the plan is made again, from the whole file.
                if found.type != column.type, found.type != .null { throw PlanExecutor.SchemaChanged(path: path, table: block) }
                return found
            }
            let table = Table(fields: leaf.schema.fields, columns: picked, rowCount: block.rowCount)
            let blockExecutor = PlanExecutor(catalog: BlockCatalog(base: executor.catalog, block: table, joined: joined), memoryLimit: executor.memoryLimit, isCancelled: executor.isCancelled)
            if try !body(chain, blockExecutor) { break }
        }
        return sawBlock
    }

    // MARK: The shape of a streaming plan

    /// The reducing stage at the top, if any, and the row-wise part below it.
    static func reducer(_ plan: Plan) -> (Plan?, Plan) {
        switch plan.node {
        case .count(let input), .take(let input, _), .distinct(let input, _), .summarize(let input, _, _, _):
            return (plan, input)
        default:
            return (nil, plan)
        }
    }

    /// The `load` under a chain of row-wise stages, or nil.
    static func load(under plan: Plan) -> Plan? {
        var current = plan
        while true {
            switch current.node {
            case .load: return current
            case .filter(let input, _), .select(let input, _), .derive(let input, _): current = input
            case .join(let input, _, let keys) where keys.kind.keepsLeftOrderAlone: current = input
            default: return nil
            }
        }
    }

    /// The chain with its `load` replaced by the block.
    static func replacingLeaf(of plan: Plan, with leaf: Plan) -> Plan {
        var result = plan
        switch plan.node {
        case .load: return leaf
        case .filter(let input, let condition): result.node = .filter(replacingLeaf(of: input, with: leaf), condition)
        case .select(let input, let expressions): result.node = .select(replacingLeaf(of: input, with: leaf), expressions)
        case .derive(let input, let items): result.node = .derive(replacingLeaf(of: input, with: leaf), items)
        case .join(let input, let right, let keys): result.node = .join(replacingLeaf(of: input, with: leaf), right, keys)
        default: break
        }
        return result
    }

    /// The chain with the other side of each join replaced by a table of
    /// its rows, computed once here: every block is joined to the same rows.
    func materializingJoins(_ plan: Plan, into tables: inout [String: Table]) throws -> Plan {
        var result = plan
        switch plan.node {
        case .filter(let input, let condition): result.node = .filter(try materializingJoins(input, into: &tables), condition)
        case .select(let input, let expressions): result.node = .select(try materializingJoins(input, into: &tables), expressions)
        case .derive(let input, let items): result.node = .derive(try materializingJoins(input, into: &tables), items)
        case .join(let input, let right, let keys):
            let name = "\u{1}joined\(tables.count)"
            tables[name] = try executor.run(right)
            let table = Plan(.table(name: name, columns: nil), schema: right.schema, range: right.range, label: right.label)
            result.node = .join(try materializingJoins(input, into: &tables), table, keys)
        default: break
        }
        return result
    }

    // MARK: Summaries in two steps

    /// count, an exact sum (integers, decimals), min and max give the same
    /// answer summed (or taken again) over the blocks' results; the others
    /// need every row.
    static func merges(_ call: AggregateCall) -> Bool {
        switch call.declaration.name {
        case "count", "min", "max": return true
        case "sum": return call.type == .integer || call.type == .decimal
        // An exact average is a sum over a count, both of which merge.
        case "avg": return call.argument.map { $0.type == .integer || $0.type == .decimal } ?? false
        default: return false
        }
    }

    /// The aggregates each block computes: every `avg` becomes the sum of
    /// its argument, and a count of it is added after the stage's own.
    static func partialCalls(_ aggregates: [AggregateCall]) -> (calls: [AggregateCall], counts: [Int: Int]) {
        var calls: [AggregateCall] = []
        var extra: [AggregateCall] = []
        var counts: [Int: Int] = [:]
        for (index, call) in aggregates.enumerated() {
            guard call.declaration.name == "avg", let argument = call.argument,
                  let sum = Aggregates.declaration(named: "sum"), let count = Aggregates.declaration(named: "count") else {
                calls.append(call)
                continue
            }
            calls.append(AggregateCall(declaration: sum, argument: argument, range: call.range, type: argument.type))
            counts[index] = aggregates.count + extra.count
            extra.append(AggregateCall(declaration: count, argument: argument, range: call.range, type: .integer))
        }
        return (calls + extra, counts)
    }

    static func partialSchema(_ groups: [BoundExpression], _ aggregates: [AggregateCall], _ plan: Plan) -> Schema {
        let keys = Array(plan.schema.columns.prefix(groups.count))
        return Schema(keys + partialCalls(aggregates).calls.enumerated().map { PlanColumn(name: "\u{1}partial\($0.offset)", type: $0.element.type, nullable: true) })
    }

    /// Each block's groups with each aggregate over the block's rows.
    static func partial(_ chain: Plan, _ groups: [BoundExpression], _ aggregates: [AggregateCall], _ plan: Plan) -> Plan {
        let aggregates = partialCalls(aggregates).calls
        let outputs = aggregates.enumerated().map { index, call in
            BoundExpression(.column(groups.count + index), type: call.type, nullable: true, range: call.range, text: call.declaration.name)
        }
        return Plan(.summarize(chain, groups: groups, aggregates: aggregates, outputs: outputs), schema: partialSchema(groups, aggregates, plan), range: plan.range, label: plan.label)
    }

    /// The blocks' partial results merged: grouped by the same keys, each
    /// partial summed (counts, sums) or taken again (min, max), then the
    /// stage's own outputs over them; an average is its merged sum over its
    /// merged count, the same quotient the whole-file `avg` makes.
    static func merged(_ partials: Plan, _ keyCount: Int, _ aggregates: [AggregateCall], _ outputs: [BoundExpression], _ plan: Plan) -> Plan {
        func column(_ index: Int, _ schema: Schema) -> BoundExpression {
            BoundExpression(.column(index), type: schema.columns[index].type, nullable: true, range: plan.range, text: schema.columns[index].name)
        }
        let keys = (0..<keyCount).map { column($0, partials.schema) }
        let (calls, counts) = partialCalls(aggregates)
        let merging = calls.enumerated().map { index, call -> AggregateCall in
            let name = call.declaration.name == "count" ? "sum" : call.declaration.name
            let declaration = Aggregates.declaration(named: name) ?? call.declaration
            let argument = BoundExpression(.column(keyCount + index), type: call.type, nullable: true, range: call.range, text: name)
            return AggregateCall(declaration: declaration, argument: argument, range: call.range, type: call.type)
        }
        guard !counts.isEmpty else {
            return Plan(.summarize(partials, groups: keys, aggregates: merging, outputs: outputs), schema: plan.schema, range: plan.range, label: plan.label)
        }
        // Keys and every merged partial, then each average's quotient, then
        // the stage's outputs reading the quotients where they read an avg.
        let totals = Schema(Array(partials.schema.columns.prefix(keyCount)) + calls.enumerated().map {
            PlanColumn(name: "\u{1}merged\($0.offset)", type: $0.element.type, nullable: true)
        })
        let summed = Plan(.summarize(partials, groups: keys, aggregates: merging, outputs: (keyCount..<totals.columns.count).map { column($0, totals) }),
                          schema: totals, range: plan.range, label: plan.label)
        var quotients: [Plan.DeriveItem] = []
        var columns = totals.columns
        var remap: [Int: Int] = [:]
        for (index, countIndex) in counts.sorted(by: { $0.key < $1.key }) {
            let quotient = BoundExpression(.binary(.divide, column(keyCount + index, totals), column(keyCount + countIndex, totals)),
                                           type: .decimal, nullable: true, range: aggregates[index].range, text: "avg")
            remap[keyCount + index] = columns.count
            quotients.append(Plan.DeriveItem(name: "\u{1}mean\(index)", expression: quotient, replaces: nil))
            columns.append(PlanColumn(name: "\u{1}mean\(index)", type: .decimal, nullable: true))
        }
        let derived = Plan(.derive(summed, quotients), schema: Schema(columns), range: plan.range, label: plan.label)
        let shown = Schema(columns)
        let selected = (0..<keyCount).map { column($0, shown) } + outputs.map { $0.remapped(remap) }
        return Plan(.select(derived, selected), schema: plan.schema, range: plan.range, label: plan.label)
    }

    // MARK: Joining the blocks' results

    /// The tables one below the other, joined in pairs so that each row is
    /// copied about log2(blocks) times, not once per block after it.
    /// A block's result with its text columns holding only their own
    /// strings: a few rows gathered from a block keep the block's whole
    /// dictionary or plain list otherwise (a group key of 20,000 values
    /// in a block of 1.2 million rows kept all 1.2 million strings), and
    /// the results of every block are held until they are merged.
    static func compacted(_ table: Table) -> Table {
        Table(fields: table.fields, columns: table.columns.map { $0.compacted() }, rowCount: table.rowCount)
    }

    static func concatenate(_ tables: [Table], schema: Schema) throws -> Table {
        guard !tables.isEmpty else {
            return Table(fields: schema.fields, columns: schema.columns.map { Column.nulls(of: $0.type, count: 0) }, rowCount: 0)
        }
        var level = tables
        while level.count > 1 {
            var next: [Table] = []
            var index = 0
            while index < level.count {
                if index + 1 < level.count {
                    let a = level[index], b = level[index + 1]
                    let columns = zip(a.columns, b.columns).map { $0.appending($1) }
                    next.append(Table(fields: a.fields, columns: columns, rowCount: a.rowCount + b.rowCount))
                } else {
                    next.append(level[index])
                }
                index += 2
            }
            level = next
        }
        return level[0]
    }
}

extension Plan.Node {
    /// A stage that reads each row alone, so it can run a block at a time.
    var isRowWise: Bool {
        switch self {
        case .filter, .select, .derive: return true
        case .join(_, _, let keys): return keys.kind.keepsLeftOrderAlone
        default: return false
        }
    }
}

extension JoinKind {
    /// Each left row's output depends on that row alone and comes out in
    /// its place (not `right`/`full`, which add the other side's unmatched
    /// rows at the end): such a join runs a block of left rows at a time.
    var keepsLeftOrderAlone: Bool {
        switch self {
        case .inner, .left, .semi, .anti: return true
        case .right, .full: return false
        }
    }
}

/// The session's catalog, with the block of rows a streamed stage reads
/// (and the rows of the other side of its joins, made once).
struct BlockCatalog: Catalog {
    let base: any Catalog
    let block: Table
    var joined: [String: Table] = [:]

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        if name == Streaming.blockName { return Schema(of: block) }
        if let table = joined[name] { return Schema(of: table) }
        return try base.schema(ofTable: name, at: range)
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema { try base.schema(ofFile: path, at: range) }

    func table(named name: String, at range: SourceRange) throws -> Table {
        if name == Streaming.blockName { return block }
        if let table = joined[name] { return table }
        return try base.table(named: name, at: range)
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        try base.load(path: path, columns: columns, at: range)
    }

    func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)? { nil }
}

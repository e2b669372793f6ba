import SciEngine

/// Builds and carries only the columns that later stages read: with
/// `load "big.csv" | where … | summarize … by …` only a few of the file's
/// columns are ever made. Worked from the output down; each node is
/// narrowed and its expressions renumbered for the narrower input.
enum ProjectionPushdown {
    static func rewrite(_ plan: Plan) -> Plan {
        prune(plan, needed: nil).plan
    }

    /// `needed`: the output columns some later stage reads (nil: all).
    /// Gives the narrowed plan and where each kept column now is.
    static func prune(_ plan: Plan, needed: Set<Int>?) -> (plan: Plan, map: [Int: Int]) {
        var result = plan
        let identity = Dictionary(uniqueKeysWithValues: plan.schema.columns.indices.map { ($0, $0) })
        switch plan.node {
        case .table(let name, let columns):
            guard let needed else { return (plan, identity) }
            let kept = needed.sorted()
            result.node = .table(name: name, columns: kept.map { columns?[$0] ?? $0 })
            result.schema = Schema(kept.map { plan.schema.columns[$0] })
            return (result, positions(kept))

        case .load(let path, _):
            guard let needed else { return (plan, identity) }
            let kept = needed.sorted()
            result.node = .load(path: path, columns: Set(kept.map { plan.schema.columns[$0].name }))
            result.schema = Schema(kept.map { plan.schema.columns[$0] })
            if kept.count < plan.schema.columns.count {
                result.label += " (reads \(kept.count) of \(plan.schema.columns.count) columns)"
            }
            return (result, positions(kept))

        case .filter(let input, let condition):
            let (newInput, map) = prune(input, needed: needed.map { $0.union(condition.columnsRead) })
            result.node = .filter(newInput, condition.remapped(map))
            result.schema = newInput.schema
            return (result, map)

        case .sort(let input, let keys, let limit):
            let read = keys.reduce(into: Set<Int>()) { $0.formUnion($1.expression.columnsRead) }
            let (newInput, map) = prune(input, needed: needed.map { $0.union(read) })
            result.node = .sort(newInput, keys.map { Plan.SortItem(expression: $0.expression.remapped(map), descending: $0.descending) }, limit: limit)
            result.schema = newInput.schema
            return (result, map)

        case .topPerGroup(let input, let order, let n, let groups):
            var read = groups.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
            for item in order { read.formUnion(item.expression.columnsRead) }
            let (newInput, map) = prune(input, needed: needed.map { $0.union(read) })
            result.node = .topPerGroup(newInput, order: order.map { Plan.SortItem(expression: $0.expression.remapped(map), descending: $0.descending) },
                                       n: n, groups: groups.map { $0.remapped(map) })
            result.schema = newInput.schema
            return (result, map)

        case .takePerGroup(let input, let n, let keys):
            let read = keys.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
            let (newInput, map) = prune(input, needed: needed.map { $0.union(read) })
            result.node = .takePerGroup(newInput, n, keys: keys.map { $0.remapped(map) })
            result.schema = newInput.schema
            return (result, map)

        case .take(let input, let n):
            let (newInput, map) = prune(input, needed: needed)
            result.node = .take(newInput, n)
            result.schema = newInput.schema
            return (result, map)

        case .select(let input, let expressions):
            let read = expressions.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
            let (newInput, map) = prune(input, needed: read)
            result.node = .select(newInput, expressions.map { $0.remapped(map) })
            return (result, identity)

        case .derive(let input, let items):
            let width = input.schema.columns.count
            // Where each item's column is in the output: the column it
            // replaces, or the next one after the input's.
            var outputIndex: [Int] = []
            var appended = 0
            for item in items {
                if let replaced = item.replaces { outputIndex.append(replaced) } else { outputIndex.append(width + appended); appended += 1 }
            }
            // An added column no one reads is not computed; each kept item's
            // reads are needed in turn (items read the ones before them).
            var keep = [Bool](repeating: true, count: items.count)
            var read = Set<Int>()
            if var wanted = needed {
                for k in items.indices.reversed() {
                    if items[k].replaces == nil, !wanted.contains(outputIndex[k]) { keep[k] = false; continue }
                    wanted.formUnion(items[k].expression.columnsRead)
                }
                read = wanted
            }
            for (k, item) in items.enumerated() where keep[k] {
                read.formUnion(item.expression.columnsRead)
                if let replaced = item.replaces { read.insert(replaced) }
            }
            let inputNeeded = needed.map { _ in Set(read.filter { $0 < width }) }
            let (newInput, inputMap) = prune(input, needed: inputNeeded)
            let newWidth = newInput.schema.columns.count
            var map = inputMap
            var columns = newInput.schema.columns
            for (index, column) in plan.schema.columns.enumerated() where index < width {
                if let position = inputMap[index] { columns[position] = column }
            }
            for (k, item) in items.enumerated() where keep[k] && item.replaces == nil {
                map[outputIndex[k]] = newWidth + (columns.count - newWidth)
                columns.append(plan.schema.columns[outputIndex[k]])
            }
            var newItems: [Plan.DeriveItem] = []
            for (k, item) in items.enumerated() where keep[k] {
                newItems.append(Plan.DeriveItem(name: item.name, expression: item.expression.remapped(map), replaces: item.replaces.flatMap { inputMap[$0] }))
            }
            let skipped = items.indices.filter { !keep[$0] }.map { items[$0].name }
            if !skipped.isEmpty { result.label += " (\(skipped.joined(separator: ", ")) not needed)" }
            result.node = .derive(newInput, newItems)
            result.schema = Schema(columns)
            return (result, map)

        case .summarize(let input, let groups, let aggregates, let outputs):
            var read = groups.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
            for call in aggregates { read.formUnion(call.argument?.columnsRead ?? []) }
            let (newInput, map) = prune(input, needed: read)
            let newAggregates = aggregates.map {
                AggregateCall(declaration: $0.declaration, argument: $0.argument?.remapped(map), range: $0.range, type: $0.type)
            }
            result.node = .summarize(newInput, groups: groups.map { $0.remapped(map) }, aggregates: newAggregates, outputs: outputs)
            return (result, identity)

        case .distinct(let input, let keys):
            guard let keys else {
                // Whole rows are compared: every column that reaches it counts.
                let (newInput, map) = prune(input, needed: nil)
                result.node = .distinct(newInput, keys: nil)
                return (result, map)
            }
            let read = keys.reduce(into: Set<Int>()) { $0.formUnion($1.columnsRead) }
            let (newInput, map) = prune(input, needed: read)
            result.node = .distinct(newInput, keys: keys.map { $0.remapped(map) })
            return (result, identity)

        case .count(let input):
            let (newInput, _) = prune(input, needed: [])
            result.node = .count(newInput)
            return (result, identity)

        case .window(let input, let partition, let order, let calls, let items):
            let width = input.schema.columns.count
            var read = Set<Int>()
            for expression in partition { read.formUnion(expression.columnsRead) }
            for item in order { read.formUnion(item.expression.columnsRead) }
            for call in calls { for argument in call.arguments { read.formUnion(argument.columnsRead) } }
            for item in items {
                read.formUnion(item.expression.columnsRead.filter { $0 < width })
                if let replaced = item.replaces { read.insert(replaced) }
            }
            let (newInput, inputMap) = prune(input, needed: needed.map { Set($0.filter { $0 < width }).union(read) })
            let newWidth = newInput.schema.columns.count
            // Items read calls' results after the incoming columns.
            var itemMap = inputMap
            for k in calls.indices { itemMap[width + k] = newWidth + k }
            var map = inputMap
            var columns = newInput.schema.columns
            for (index, column) in plan.schema.columns.enumerated() where index < width {
                if let position = inputMap[index] { columns[position] = column }
            }
            for index in plan.schema.columns.indices where index >= width {
                map[index] = columns.count
                columns.append(plan.schema.columns[index])
            }
            result.node = .window(newInput, partition: partition.map { $0.remapped(inputMap) },
                                  order: order.map { Plan.SortItem(expression: $0.expression.remapped(inputMap), descending: $0.descending) },
                                  calls: calls.map { WindowCall(function: $0.function, arguments: $0.arguments.map { $0.remapped(inputMap) }, range: $0.range, type: $0.type) },
                                  items: items.map { Plan.DeriveItem(name: $0.name, expression: $0.expression.remapped(itemMap), replaces: $0.replaces.flatMap { inputMap[$0] }) })
            result.schema = Schema(columns)
            return (result, map)

        case .unpivot, .pivot:
            // Kept whole: their columns depend on all of the input's.
            return (plan, identity)

        case .describe(let input):
            // Every column is described.
            let (newInput, _) = prune(input, needed: nil)
            result.node = .describe(newInput)
            return (result, identity)

        case .sample(let input, let n, let seed):
            let (newInput, map) = prune(input, needed: needed)
            result.node = .sample(newInput, n, seed: seed)
            result.schema = newInput.schema
            return (result, map)

        case .append:
            // Both sides keep every column: they are matched by name.
            return (plan, identity)

        case .join(let left, let right, let keys):
            let leftWidth = left.schema.columns.count
            let leftNeeded = needed.map { Set($0.filter { $0 < leftWidth }).union(keys.pairs.map(\.left)) }
            let rightNeeded: Set<Int>? = keys.kind.keepsRightColumns
                ? needed.map { Set($0.filter { $0 >= leftWidth }.map { $0 - leftWidth }).union(keys.pairs.map(\.right)) }
                : Set(keys.pairs.map(\.right))
            let (newLeft, leftMap) = prune(left, needed: leftNeeded)
            let (newRight, rightMap) = prune(right, needed: rightNeeded)
            var map: [Int: Int] = [:]
            var columns: [PlanColumn] = []
            for (index, column) in plan.schema.columns.enumerated() {
                let position = index < leftWidth ? leftMap[index] : rightMap[index - leftWidth].map { $0 + newLeft.schema.columns.count }
                if let position {
                    map[index] = position
                    columns.append(column)
                }
            }
            var newKeys = keys
            newKeys.pairs = keys.pairs.map { (left: leftMap[$0.left] ?? $0.left, right: rightMap[$0.right] ?? $0.right) }
            result.node = .join(newLeft, newRight, newKeys)
            result.schema = Schema(columns)
            return (result, map)
        }
    }

    static func positions(_ kept: [Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
    }
}

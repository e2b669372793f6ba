/// `sort … | take N` becomes one sort that keeps only N rows: a bounded
/// heap instead of sorting millions of rows to keep three.
enum TopN {
    static func rewrite(_ plan: Plan) -> Plan {
        var result = plan
        switch plan.node {
        case .take(let input, let n):
            let rewritten = rewrite(input)
            if case .sort(let sortInput, let keys, let limit) = rewritten.node {
                result.node = .sort(sortInput, keys, limit: min(n, limit ?? n))
                result.label = "\(rewritten.label) | \(plan.label) (keeps the top \(n))"
                result.range = rewritten.range.union(plan.range)
            } else {
                result.node = .take(rewritten, n)
            }
        case .filter(let input, let e): result.node = .filter(rewrite(input), e)
        case .takePerGroup(let input, let n, let keys):
            let rewritten = rewrite(input)
            if case .sort(let sortInput, let order, nil) = rewritten.node {
                // The sort's rows are the take's: its keys read the same columns.
                result.node = .topPerGroup(sortInput, order: order, n: n, groups: keys)
                result.label = "\(rewritten.label) | \(plan.label) (keeps the top \(n) of each group)"
                result.range = rewritten.range.union(plan.range)
            } else {
                result.node = .takePerGroup(rewritten, n, keys: keys)
            }
        case .topPerGroup(let input, let order, let n, let groups): result.node = .topPerGroup(rewrite(input), order: order, n: n, groups: groups)
        case .describe(let input): result.node = .describe(rewrite(input))
        case .unpivot(let input, let columns): result.node = .unpivot(rewrite(input), columns: columns)
        case .pivot(let input, let keys, let column, let values, let aggregates, let output):
            result.node = .pivot(rewrite(input), keys: keys, column: column, values: values, aggregates: aggregates, output: output)
        case .sample(let input, let n, let seed): result.node = .sample(rewrite(input), n, seed: seed)
        case .window(let input, let partition, let order, let calls, let items):
            result.node = .window(rewrite(input), partition: partition, order: order, calls: calls, items: items)
        case .select(let input, let e): result.node = .select(rewrite(input), e)
        case .derive(let input, let items): result.node = .derive(rewrite(input), items)
        case .sort(let input, let keys, let limit): result.node = .sort(rewrite(input), keys, limit: limit)
        case .summarize(let input, let groups, let aggregates, let outputs):
            result.node = .summarize(rewrite(input), groups: groups, aggregates: aggregates, outputs: outputs)
        case .distinct(let input, let keys): result.node = .distinct(rewrite(input), keys: keys)
        case .count(let input): result.node = .count(rewrite(input))
        case .join(let left, let right, let keys): result.node = .join(rewrite(left), rewrite(right), keys)
        case .append(let top, let bottom, let map): result.node = .append(rewrite(top), rewrite(bottom), rightToOutput: map)
        case .table, .load: break
        }
        return result
    }
}

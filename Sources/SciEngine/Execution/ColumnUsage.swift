import SciLanguage

/// Which columns of a pipeline's source its stages can ever read: with
/// `load "big.csv" | where … | summarize … by …` only a few of the file's
/// columns need building. Worked backwards from the output; nil means all.
enum ColumnUsage {
    static func needed(by stages: [Stage]) -> Set<String>? {
        // What the rows leaving the pipeline must carry: all their columns.
        var needed: Set<String>? = nil
        for stage in stages.reversed() {
            switch stage.kind {
            case .select(let items):
                needed = names(in: items.map(\.expression))
            case .summarize(let aggregates, let groups):
                needed = names(in: aggregates.map(\.expression) + groups.map(\.expression))
            case .count:
                needed = []
            case .distinct(let expressions):
                // Without columns, distinct compares whole rows: every
                // column that reaches it counts, whatever is read later.
                needed = expressions.isEmpty ? nil : names(in: expressions)
            case .filter(let condition):
                needed = needed.map { $0.union(names(in: [condition])) }
            case .derive(let items):
                needed = needed.map { $0.union(names(in: items.map(\.expression))) }
            case .sort(let keys):
                needed = needed.map { $0.union(names(in: keys.map(\.expression))) }
            case .take:
                break
            case .join(let join):
                // What is read after the join may come from either side; the
                // left side also needs its key. (The executor keeps only
                // the names the source has.)
                needed = needed.map { $0.union(names(in: [join.leftKey])) }
            case .export:
                // An export writes every column.
                needed = nil
            }
        }
        return needed
    }

    static func names(in expressions: [Expression]) -> Set<String> {
        var result = Set<String>()
        func visit(_ e: Expression) {
            switch e.kind {
            case .column(let name): result.insert(name.name)
            case .literal: break
            case .unary(_, let inner): visit(inner)
            case .binary(_, let a, let b): visit(a); visit(b)
            case .membership(let s, let items, _): visit(s); items.forEach(visit)
            case .nullTest(let s, _): visit(s)
            case .call(_, _, let arguments): arguments.forEach(visit)
            }
        }
        expressions.forEach(visit)
        return result
    }
}

import SciEngine

/// `.plan`: the plan as an indented tree, the last stage at the top, each
/// node with the columns it gives and their types (`?` where a value may
/// be null), as DuckDB's EXPLAIN and PRQL's resolver show theirs.
public enum PlanPrinter {
    public static func text(_ planned: PlannedPipeline) -> String {
        var lines: [String] = []
        var prefix = ""
        if let export = planned.export {
            lines.append("export \"\(export.path)\"" + (export.format.map { " as \($0)" } ?? ""))
            prefix = "└─ "
        }
        // Iterative: a pipeline's plan is as deep as it has stages.
        var stack: [(plan: Plan, first: String, rest: String)] = [(planned.plan, prefix, prefix.isEmpty ? "" : "   ")]
        while let (plan, first, rest) = stack.popLast() {
            lines.append(first + plan.label)
            let children = plan.inputs
            let bar = children.isEmpty ? "   " : "│  "
            lines.append(rest + bar + columns(plan.schema))
            for (index, child) in children.enumerated().reversed() {
                let last = index == children.count - 1
                stack.append((child, rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  ")))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func columns(_ schema: Schema) -> String {
        if schema.columns.isEmpty { return "(no columns)" }
        return schema.columns.map { "\($0.name) \(typeName($0.type))\($0.nullable ? "?" : "")" }.joined(separator: ", ")
    }

    /// The type names of `.schema` and the docs.
    public static func typeName(_ type: ValueType) -> String {
        switch type {
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .float: return "float"
        case .string: return "string"
        case .date: return "date"
        case .bool: return "bool"
        case .null: return "null"
        }
    }
}

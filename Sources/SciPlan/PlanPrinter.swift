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
        // Iterative: a pipeline's plan is as deep as it has stages. A stage
        // under one that streams is part of it and gets no note of its own.
        var stack: [(plan: Plan, first: String, rest: String, streamed: Bool)] = [(planned.plan, prefix, prefix.isEmpty ? "" : "   ", false)]
        while let (plan, first, rest, streamed) = stack.popLast() {
            let streams = !streamed && Streaming.streams(plan)
            lines.append(first + plan.label + (streamed ? "" : note(plan, streams: streams)))
            let children = plan.inputs
            let bar = children.isEmpty ? "   " : "│  "
            lines.append(rest + bar + columns(plan.schema))
            for (index, child) in children.enumerated().reversed() {
                let last = index == children.count - 1
                stack.append((child, rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "), streamed || streams))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Over a file: the stage from which a large file is read a block at a
    /// time, and the stages that hold every row of it (sort, window, …).
    static func note(_ plan: Plan, streams: Bool) -> String {
        if streams { return "  ← a large file streams from here, a block at a time" }
        switch plan.node {
        case .sort, .window, .topPerGroup, .takePerGroup, .pivot, .describe, .sample, .unpivot, .append, .join:
            return readsWholeFile(plan) ? "  ← holds every row" : ""
        default:
            return ""
        }
    }

    /// Whether a file's rows reach the plan other than through a stage that streams.
    static func readsWholeFile(_ plan: Plan) -> Bool {
        var stack = plan.inputs
        while let next = stack.popLast() {
            if case .load = next.node { return true }
            if !Streaming.streams(next) { stack += next.inputs }
        }
        return false
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
        case .timestamp: return "timestamp"
        case .bool: return "bool"
        case .null: return "null"
        }
    }
}

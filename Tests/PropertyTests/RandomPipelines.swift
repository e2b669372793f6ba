import SciEngine
import SciPlan

/// Random pipelines over the random tables: each stage is chosen knowing the
/// columns and types that reach it (found by running the pipeline so far),
/// so most pipelines run and some fail on purpose (a type error, say).
struct RandomPipelines {
    var random: RandomSource
    let harness: Harness
    /// Sources the pipelines may start from or join: names or `load "…"`.
    let sources: [String]

    mutating func pipeline() -> String {
        var text = random.pick(sources)
        let stageCount = Int.random(in: 1...5, using: &random)
        for _ in 0..<stageCount {
            guard case .success(let table) = harness.run(text, rewrites: []) else { break }
            text += " | " + stage(table)
        }
        return text
    }

    struct Field {
        var name: String
        var type: ValueType
        /// How an expression refers to it (names with a dot are qualified).
        var reference: String { name }
    }

    mutating func stage(_ table: Table) -> String {
        let fields = zip(table.columnNames, table.columns).map { Field(name: $0, type: $1.type) }
        guard !fields.isEmpty else { return "count" }
        switch Int.random(in: 0..<22, using: &random) {
        case 13: return "take \(Int.random(in: 0...3, using: &random)) by " + subset(fields).prefix(2).map(\.reference).joined(separator: ", ")
        case 14: return window(fields)
        case 15: return "append \(random.pick(sources))"
        case 16: return fields.count > 1 ? "drop " + subset(fields).prefix(fields.count - 1).map(\.reference).joined(separator: ", ") : "count"
        case 17: return "rename \(random.pick(fields).reference) as r\(Int.random(in: 0...9, using: &random))"
        case 18: return random.chance(0.3) ? "describe" : "sample \(Int.random(in: 0...5, using: &random)) seed \(Int.random(in: 0...99, using: &random))"
        case 19:
            let groups = subset(fields).prefix(1).map(\.reference).joined()
            return "pivot \(random.pick(fields).reference), count()" + (random.chance(0.5) ? " by \(groups)" : "")
        case 20:
            let field = random.pick(fields)
            let alike = fields.filter { $0.type == field.type }
            return "unpivot " + alike.prefix(2).map(\.reference).joined(separator: ", ") + " into key, val"
        case 21: return join(fields)
        case 0, 1: return "where " + condition(fields)
        case 2: return "select " + subset(fields).map(\.reference).joined(separator: ", ")
        case 3: return "select " + subset(fields).enumerated().map { "s\($0.offset) = \(expression($0.element))" }.joined(separator: ", ")
        case 4: return "derive n\(Int.random(in: 0...2, using: &random)) = " + expression(random.pick(fields))
        case 5, 6:
            let keys = subset(fields).prefix(2).map { $0.reference + random.pick(["", " asc", " desc"]) }
            let take = random.chance(0.5) ? " | take \(Int.random(in: 0...4, using: &random))"
                : " | take \(Int.random(in: 0...3, using: &random)) by \(random.pick(fields).reference)"
            return "sort " + keys.joined(separator: ", ") + (random.chance(0.7) ? take : "")
        case 7: return "take \(Int.random(in: 0...10, using: &random))"
        case 8, 9: return summarize(fields)
        case 10: return random.chance(0.5) ? "distinct" : "distinct " + subset(fields).map(\.reference).joined(separator: ", ")
        case 11: return "count"
        default: return join(fields)
        }
    }

    mutating func subset(_ fields: [Field]) -> [Field] {
        let chosen = fields.filter { _ in random.chance(0.5) }
        return chosen.isEmpty ? [random.pick(fields)] : chosen.shuffled(using: &random)
    }

    mutating func literal(_ type: ValueType) -> String {
        switch RandomTables.value(of: type == .null ? random.pick(RandomTables.types) : type, &random) {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return String(d)
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        case .date(let d): return "@" + d.description
        case .timestamp(let t): return "@" + t.description
        }
    }

    mutating func condition(_ fields: [Field]) -> String {
        let field = random.pick(fields)
        let simple: String
        switch Int.random(in: 0..<7, using: &random) {
        case 0: simple = "\(field.reference) is null"
        case 1: simple = "\(field.reference) is not null"
        case 2: simple = "\(field.reference) in (\(literal(field.type)), \(literal(field.type)))"
        case 3 where field.type == .string:
            let op = random.pick(["contains", "startswith", "endswith", "matches"])
            let pattern = op == "matches" ? random.pick(["\"^x\"", "\"重庆|科学\"", "\"a.b\"", "\"[xy]+\"", "\"e$\""]) : literal(.string)
            simple = "\(field.reference) \(op) \(pattern)"
        case 3 where field.type == .date: simple = "\(field.reference) \(random.pick(["<", ">=", "=="])) \"\(random.pick(["2023-03-27", "2023-01"]))\""
        case 4:
            let other = random.pick(fields)
            simple = "\(field.reference) \(random.pick(["==", "!=", "<", ">="])) \(other.reference)"
        case 5 where field.type == .bool: simple = field.reference
        default: simple = "\(field.reference) \(random.pick(["==", "!=", "<", "<=", ">", ">="])) \(literal(field.type))"
        }
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return "not (\(simple))"
        case 1: return "\(simple) and \(condition(fields))"
        case 2: return "\(simple) or \(condition(fields))"
        default: return simple
        }
    }

    mutating func expression(_ field: Field) -> String {
        let r = field.reference
        switch field.type {
        case .integer where random.chance(0.3): return random.pick(["floor(\(r))", "sqrt(\(r))", "ln(\(r))", "log10(\(r))", "exp(\(r))", "pow(\(r), 2)", "pow(\(r), -1)", "sign(\(r))",
                                                                    "case when \(r) > 0 then \(r) when \(r) < 0 then 0.5 end", "case when \(r) > 2 then \(r) * 2 else -\(r) end", "concat(\(r), \"x\", null)"])
        case .decimal where random.chance(0.3): return random.pick(["floor(\(r))", "ceil(\(r))", "trunc(\(r))", "sqrt(\(r))", "ln(\(r))", "log10(\(r))", "exp(\(r))", "pow(\(r), 0.5)", "pow(\(r), 2)", "sign(\(r))",
                                                                    "case when \(r) < 0 then -\(r) when \(r) == 0 then null end", "concat(\(r))"])
        case .string where random.chance(0.4): return random.pick(["concat(\(r), \"-\", null, \(r))", "split(\(r), \",\", 1)", "split(\(r), \",\", 2)", "split(\(r), \"科\", 2)", "split(\(r), \"\", 1)",
                                                                   "extract(\(r), \"[xy]+\")", "extract(\(r), \"(重庆|科学)(城)?\", 2)", "extract(\(r), \"^(.)\", 1)",
                                                                   "regexp_replace(\(r), \"[a-z]\", \"<\\0>\")", "regexp_replace(\(r), \"(e)\", \"\\1\\1\")", "regexp_replace(\(r), \"x*\", \"-\")", "regexp_replace(\(r), \"科学\", \"$\")",
                                                                   "case when \(r) == \"\" then \"empty\" when \(r) is null then \"none\" else \(r) end", "lpad(\(r), 6, \"*\")", "lpad(\"ab\", 5, \"xy\")", "rpad(\"ab\", 1)"])
        case .date where random.chance(0.2): return "case when \(r) > @2023-01-01 then \(r) end"
        case .bool where random.chance(0.2): return "case when \(r) then 1 when not \(r) then 0 else -1 end"
        case .integer: return random.pick(["\(r) + 1", "\(r) * 2", "\(r) / 2", "\(r) % 3", "\(r) % 0", "\(r) / 0", "abs(\(r))", "round(\(r), -1)", "round(\(r), -2)", "-\(r)", "coalesce(\(r), 0)", "coalesce(\(r), 0.5)", "text(\(r))", "\(r) - 7 * 2", r])
        case .float: return random.pick(["\(r) + 0.1", "\(r) * 3", "\(r) / 3", "round(\(r), 1)", "abs(\(r))", "-\(r)", r])
        case .decimal: return random.pick(["\(r) * 0.25", "\(r) + 1", "\(r) - 0.05", "\(r) * \(r)", "coalesce(\(r), 1)", "\(r) + 0.1", "\(r) * 3", "\(r) / 3", "\(r) / 0", "\(r) % 0.3", "round(\(r), 1)", "round(\(r), -1)", "round(\(r))", "abs(\(r))", "\(r) - \(r)", "text(\(r))", "text(\(r) / 7)", "-\(r)", r])
        case .string: return random.pick(["lower(\(r))", "upper(\(r))", "length(\(r))", "trim(\(r))", "trim(\(r) + \"\u{3000} \")", "\(r) + \"!\"", "coalesce(\(r), \"-\")", "text(\(r))", r,
                                          "number(\(r))", "number(\(r), \",\")", "date(\(r))", "timestamp(\(r))", "date(\"2023年3月\" + \(r))", "date(\"27/03/2023\" + \(r), \"%d/%m/%Y\")"])
        case .date: return random.pick(["year(\(r))", "month(\(r))", "day(\(r))", "\(r) + 1", "\(r) - 30", "\(r) - @2023-01-01", "text(\(r))", "coalesce(\(r), @2022-06)", r,
                                        "date_trunc(\(r), \"week\")", "date_trunc(\(r), \"month\")", "date_trunc(\(r), \"quarter\")", "date_trunc(\(r), \"year\")",
                                        "add_months(\(r), 1)", "add_months(\(r), -13)", "weekday(\(r))", "week(\(r))", "quarter(\(r))",
                                        "text(\(r), \"%d.%m.%Y\")", "timestamp(\(r))", "\(r) < @2023-03-27T12:00:00", "date(text(\(r)))"])
        case .timestamp: return random.pick(["hour(\(r))", "minute(\(r))", "second(\(r))", "year(\(r))", "month(\(r))", "day(\(r))", "\(r) - @2023-03-27T00:00:00", "\(r) - \(r)",
                                             "text(\(r))", "text(\(r), \"%d.%m.%Y %H:%M\")", "date(\(r))", "date_trunc(\(r), \"week\")", "date_trunc(\(r), \"year\")",
                                             "add_months(\(r), 1)", "weekday(\(r))", "week(\(r))", "quarter(\(r))", "coalesce(\(r), @2023-01-01T00:00:00)", "\(r) >= @2023-03-27", "timestamp(text(\(r)))", r])
        case .bool: return random.pick(["not \(r)", "\(r) and true", "\(r) or false", "\(r) == false", "text(\(r))", "\(r) is null", r])
        case .null: return r
        }
    }

    mutating func summarize(_ fields: [Field]) -> String {
        var aggregates: [String] = []
        for (index, field) in subset(fields).prefix(3).enumerated() {
            var choices = ["count()", "count(\(field.reference))", "count_distinct(\(field.reference))", "min(\(field.reference))", "max(\(field.reference))", "list(\(field.reference))"]
            if field.type.isNumeric {
                choices += ["sum(\(field.reference))", "avg(\(field.reference))", "median(\(field.reference))",
                            "round(avg(\(field.reference)), 1)", "sum(\(field.reference)) / count()"]
            }
            choices += ["mode(\(field.reference))", "first(\(field.reference))", "last(\(field.reference))", "string_agg(\(field.reference), \"; \")"]
            if field.type.isNumeric {
                choices += ["variance(\(field.reference))", "stddev(\(field.reference))", "percentile(\(field.reference), 0.5)", "percentile(\(field.reference), 0.9)", "percentile(\(field.reference), 0)"]
            }
            choices += ["count() + 1", "count(\(field.reference)) * 2 - count()"]
            aggregates.append("g\(index) = \(random.pick(choices))")
        }
        // Keys are columns, or now and then an expression named k.
        var keys = subset(fields).prefix(2).map(\.reference)
        if random.chance(0.2), let first = fields.first {
            switch first.type {
            case .string: keys = ["k = lower(\(first.reference))"]
            case .date: keys = ["k = year(\(first.reference))"]
            case .timestamp: keys = ["k = date_trunc(\(first.reference), \"month\")"]
            case .integer: keys = ["k = \(first.reference) % 2"]
            default: break
            }
        }
        let groups = random.chance(0.6) ? " by " + keys.joined(separator: ", ") : ""
        return "summarize " + aggregates.joined(separator: ", ") + groups
    }

    mutating func window(_ fields: [Field]) -> String {
        var text = "window"
        if random.chance(0.6) { text += " by " + subset(fields).prefix(2).map(\.reference).joined(separator: ", ") }
        if random.chance(0.7) { text += " sort " + subset(fields).prefix(2).map { $0.reference + random.pick(["", " desc"]) }.joined(separator: ", ") }
        let field = random.pick(fields)
        var items = [random.pick(["row_number()", "rank()", "dense_rank()", "count()", "lag(\(field.reference))", "lead(\(field.reference), 2)", "first(\(field.reference))", "last(\(field.reference))", "min(\(field.reference))"])]
        if field.type.isNumeric { items.append(random.pick(["cumsum(\(field.reference))", "moving_avg(\(field.reference), 2)", "\(field.reference) - avg(\(field.reference))", "sum(\(field.reference))"])) }
        return text + " " + items.enumerated().map { "w\($0.offset) = \($0.element)" }.joined(separator: ", ")
    }

    mutating func join(_ fields: [Field]) -> String {
        let right = random.pick(sources)
        guard case .success(let other) = harness.run(right, rewrites: []), !other.columnNames.isEmpty else { return "count" }
        let left = random.pick(fields)
        let matching = zip(other.columnNames, other.columns).filter { $0.1.type == left.type || ($0.1.type.isNumeric && left.type.isNumeric) }
        let key = matching.isEmpty ? random.pick(other.columnNames) : random.pick(matching).0
        let kind = random.pick(["", "", "left ", "right ", "full ", "semi ", "anti "])
        var condition = "\(left.reference) == \(key)"
        if random.chance(0.3), let second = fields.first(where: { $0.name != left.name }),
           let other = zip(other.columnNames, other.columns).first(where: { $0.0 != key && ($0.1.type == second.type || ($0.1.type.isNumeric && second.type.isNumeric)) }) {
            condition += " and \(second.reference) == \(other.0)"
        }
        return "join \(kind)\(right) as r\(Int.random(in: 0...9, using: &random)) on \(condition)"
    }
}

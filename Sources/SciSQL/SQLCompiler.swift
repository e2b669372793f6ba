import SciEngine
import SciLanguage
import SciPlan

/// Where a table's rows come from in the engine.
public enum SQLRelation: Sendable {
    /// A table (or view) of this name in the engine, dates stored as text
    /// (`2022-06`, `2023-03-27`); `ordinal` names a column holding the row
    /// order (a view scicity made for `let`), or nil for the table's own order.
    case named(String, ordinal: String?)
    /// A CSV (or TSV) file scicity can read, with a header row.
    case file(path: String)
    /// A CSV file scicity wrote for the engine: a header row, the row's
    /// number (from 1) first, then the table's columns. No line of it is
    /// empty (Spark skips empty lines, which are null rows of one column).
    case numberedFile(path: String)
}

/// A pipeline in SQL: statements to run first (views over files, for
/// Spark) and the query that gives the rows, in order.
public struct SQLQuery: Sendable {
    public var dialect: SQLDialect
    public var setup: [String]
    /// `WITH q0 AS (…), …` with a line end, or nothing.
    public var with: String
    /// Each output column's value over the last CTE (dates printed as text).
    public var outputs: [String]
    /// The names of the output columns, in order.
    public var columns: [String]
    /// The last CTE: its columns are `c0…` and the order `_o`.
    public var from: String

    /// The query that gives the rows, named and in order.
    public var select: String {
        with + "SELECT " + zip(outputs, columns).map { "\($0) AS \(dialect.quote($1))" }.joined(separator: ", ") + " FROM \(from) ORDER BY _o"
    }

    public var text: String {
        (setup + [select]).map { $0 + ";" }.joined(separator: "\n")
    }
}

/// Compiles a typed plan into one SQL query with scicity's meaning spelled
/// out: every node is a CTE whose columns are `c0`, `c1`, … plus `_o`, the
/// row order (the source's row number; for groups and distinct rows the
/// order of first appearance; a join's left then right order; a sort's
/// keys, nulls last, then the order before it). The final SELECT names the
/// columns, prints dates as scicity does, and orders by `_o`.
///
/// Dates travel as BIGINT: days since 1970-01-01 times two, plus one for a
/// date given only to the month, so comparison, grouping and ordering are
/// scicity's (2022-06 sorts after 2022-06-01 and differs from it); they are
/// read from and printed to text (`2022-06`, `2023-03-27`).
public struct SQLCompiler {
    public let dialect: SQLDialect
    let catalog: any Catalog
    let relations: [String: SQLRelation]

    /// How the views over files are named (then 0, 1, …): a process that
    /// runs several pipelines is given a prefix per pipeline, so that no
    /// pipeline reads a view an earlier one left.
    public var fileViewPrefix = "scicity_file_"

    public init(dialect: SQLDialect, catalog: any Catalog, relations: [String: SQLRelation] = [:]) {
        self.dialect = dialect
        self.catalog = catalog
        self.relations = relations
    }

    final class State {
        var ctes: [(String, String)] = []
        var setup: [String] = []
        var views: [String: String] = [:]
        func add(_ body: String) -> String {
            let name = "q\(ctes.count)"
            ctes.append((name, body))
            return name
        }
    }

    /// The query for a planned pipeline.
    public func compile(_ plan: Plan) throws -> SQLQuery {
        if plan.schema.names.contains("") {
            throw refuse(SQLRefusal(construct: "a column with an empty name (a pivot of empty text)", dialect: dialect, reason: "SQL cannot name a column with nothing"), plan.range)
        }
        let state = State()
        let last = try node(plan, state)
        let d = dialect
        // Dates print as scicity prints them; so do exact decimals, whose
        // DECIMAL(38, 18) would print all 18 places.
        let outputs = plan.schema.columns.enumerated().map { index, column -> String in
            switch column.type {
            case .date, .timestamp: return SQLFunctions.text("c\(index)", column.type, d)
            case .decimal where d.exactDecimals: return SQLFunctions.text("c\(index)", column.type, d)
            default: return "c\(index)"
            }
        }
        let with = state.ctes.isEmpty ? "" : "WITH " + state.ctes.map { "\($0.0) AS (\n  \($0.1)\n)" }.joined(separator: ",\n") + "\n"
        return SQLQuery(dialect: d, setup: state.setup, with: with, outputs: outputs, columns: plan.schema.names, from: last)
    }

    /// The query of a `let`: the columns named, dates as text, and the row
    /// order kept in a column of its own (`ordinalName`), unordered.
    public func compileView(_ plan: Plan, ordinalName: String) throws -> (setup: [String], select: String) {
        let query = try compile(plan)
        // A view keeps its decimals numbers (dates are read back from text).
        let values = query.outputs.enumerated().map { index, output in
            plan.schema.columns[index].type == .decimal && dialect.exactDecimals ? "c\(index)" : output
        }
        let items = zip(values, query.columns).map { "\($0) AS \(dialect.quote($1))" } + ["_o AS \(dialect.quote(ordinalName))"]
        return (query.setup, query.with + "SELECT " + items.joined(separator: ", ") + " FROM \(query.from)")
    }

    func refuse(_ refusal: SQLRefusal, _ range: SourceRange) -> Diagnostic {
        Diagnostic(message: refusal.message, range: range)
    }

    /// The key in `relations` under which a loaded file may be given
    /// another relation (a copy scicity wrote, say).
    public static func fileKey(_ path: String) -> String { "\u{0}load:" + path }

    static func names(_ count: Int, _ prefix: String = "c") -> [String] {
        (0..<count).map { "\(prefix)\($0)" }
    }

    // MARK: Nodes

    func node(_ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let width = plan.schema.columns.count
        switch plan.node {
        case .table(let name, let picked):
            let full = try catalog.schema(ofTable: name, at: plan.range)
            let indices = picked ?? Array(full.columns.indices)
            return try source(relations[name] ?? .named(name, ordinal: nil), full: full, picked: indices, plan: plan, state)

        case .load(let path, let picked):
            let full = try catalog.schema(ofFile: path, at: plan.range)
            let indices = picked.map { wanted in full.columns.indices.filter { wanted.contains(full.columns[$0].name) } } ?? Array(full.columns.indices)
            return try source(relations[Self.fileKey(path)] ?? .file(path: path), full: full, picked: indices, plan: plan, state)

        case .filter(let input, let condition):
            let from = try node(input, state)
            let inputs = Self.names(input.schema.columns.count)
            // Only rows where the condition is true (not false, not null).
            let sql = condition.type == .bool ? try expression(condition, inputs, input.schema) : "FALSE"
            return state.add("SELECT * FROM \(from) WHERE \(sql)")

        case .select(let input, let expressions):
            let from = try node(input, state)
            let inputs = Self.names(input.schema.columns.count)
            let items = try expressions.enumerated().map { "\(try expression($0.element, inputs, input.schema)) AS c\($0.offset)" }
            return state.add("SELECT " + (items + ["_o"]).joined(separator: ", ") + " FROM \(from)")

        case .derive(let input, let items):
            var from = try node(input, state)
            var schema = input.schema
            for item in items {
                let inputs = Self.names(schema.columns.count)
                let sql = try expression(item.expression, inputs, schema)
                var outputs = inputs
                let column = PlanColumn(name: item.name, type: item.expression.type, nullable: item.expression.nullable)
                if let replaced = item.replaces, replaced < outputs.count {
                    outputs[replaced] = "\(sql) AS c\(replaced)"
                    schema.columns[replaced] = column
                } else {
                    outputs.append("\(sql) AS c\(outputs.count)")
                    schema.columns.append(column)
                }
                from = state.add("SELECT " + (outputs + ["_o"]).joined(separator: ", ") + " FROM \(from)")
            }
            return from

        case .sort(let input, let keys, let limit):
            let sorted = try sortedCTE(input, keys, state)
            guard let limit else { return sorted }
            return state.add("SELECT * FROM \(sorted) WHERE _o <= \(d.integer(Int64(limit)))")

        case .take(let input, let n):
            let from = try node(input, state)
            return state.add("SELECT * FROM \(from) ORDER BY _o LIMIT \(n)")

        case .summarize(let input, let groups, let aggregates, let outputs):
            return try summarize(input, groups, aggregates, outputs, plan, state)

        case .distinct(let input, let keys):
            let from = try node(input, state)
            let inputs = Self.names(input.schema.columns.count)
            let keyed: String
            if let keys {
                let items = try keys.enumerated().map { "\(try expression($0.element, inputs, input.schema)) AS c\($0.offset)" }
                keyed = state.add("SELECT " + (items + ["_o"]).joined(separator: ", ") + " FROM \(from)")
            } else {
                keyed = from
            }
            // Groups in SQL treat nulls as one key, as scicity does; each row
            // keeps the order of its first appearance.
            let outputs = Self.names(width)
            return state.add("SELECT " + outputs.joined(separator: ", ") + ", min(_o) AS _o FROM \(keyed) GROUP BY " + outputs.joined(separator: ", "))

        case .count(let input):
            let from = try node(input, state)
            return state.add("SELECT count(*) AS c0, \(d.integer(0)) AS _o FROM \(from)")

        case .join(let left, let right, let keys):
            return try join(left, right, keys, state)

        case .takePerGroup(let input, let n, let keys):
            return try firstPerGroup(try node(input, state), input.schema, n, keys, state)

        case .topPerGroup(let input, let order, let n, let groups):
            return try firstPerGroup(try sortedCTE(input, order, state), input.schema, n, groups, state)

        case .append(let top, let bottom, let rightToOutput):
            return try append(top, bottom, rightToOutput, plan, state)

        case .unpivot(let input, let columns):
            return try unpivot(input, columns, plan, state)

        case .window(let input, let partition, let order, let calls, let items):
            return try window(input, partition, order, calls, items, plan, state)

        case .describe(let input):
            return try describe(input, plan, state)
        case .sample(let input, let n, let seed):
            return try sample(input, n, seed: seed, state)
        case .pivot(let input, let keys, let column, let values, let aggregates, let output):
            return try pivot(input, keys, column, values, aggregates, output, plan, state)
        }
    }

    /// The input's rows in sort order: `_o` renumbered by the keys (nulls
    /// last, text by code point), ties in the order they came.
    func sortedCTE(_ input: Plan, _ keys: [Plan.SortItem], _ state: State) throws -> String {
        let d = dialect
        let from = try node(input, state)
        let inputs = Self.names(input.schema.columns.count)
        let order = try keys.map { key -> String in
            let sql = try expression(key.expression, inputs, input.schema)
            return "\(key.expression.type == .string ? d.binaryText(sql) : sql) \(key.descending ? "DESC" : "ASC") NULLS LAST"
        } + ["_o ASC"]
        return state.add("SELECT " + inputs.joined(separator: ", ") + ", row_number() OVER (ORDER BY \(order.joined(separator: ", "))) AS _o FROM \(from)")
    }

    /// The first `n` rows of each group of equal keys, in `_o` order.
    func firstPerGroup(_ from: String, _ schema: Schema, _ n: Int, _ keys: [BoundExpression], _ state: State) throws -> String {
        let inputs = Self.names(schema.columns.count)
        let partition = try keys.map { try expression($0, inputs, schema) }
        let over = partition.isEmpty ? "ORDER BY _o" : "PARTITION BY \(partition.joined(separator: ", ")) ORDER BY _o"
        let numbered = state.add("SELECT " + (inputs + ["_o", "row_number() OVER (\(over)) AS _n"]).joined(separator: ", ") + " FROM \(from)")
        return state.add("SELECT " + (inputs + ["_o"]).joined(separator: ", ") + " FROM \(numbered) WHERE _n <= \(dialect.integer(Int64(n)))")
    }

    /// Every kind of join on every key pair; rows in the left side's order,
    /// each with its matches in the right side's, then (right, full) the
    /// right side's rows that matched nothing, in their order.
    func join(_ left: Plan, _ right: Plan, _ keys: Plan.JoinKeys, _ state: State) throws -> String {
        let d = dialect
        let l = try node(left, state)
        let r = try node(right, state)
        let leftWidth = left.schema.columns.count
        let conditions = keys.pairs.map { pair -> String in
            let leftType = left.schema.columns[pair.left].type, rightType = right.schema.columns[pair.right].type
            if leftType == .null || rightType == .null { return "FALSE" }
            // Keys meet as the two sides of `==` do.
            let type = SQLFunctions.meetingType(leftType, rightType)
            let a = SQLFunctions.cast(SQLArgument(sql: "l.c\(pair.left)", type: leftType), to: type, d)
            let b = SQLFunctions.cast(SQLArgument(sql: "r.c\(pair.right)", type: rightType), to: type, d)
            return "\(a) = \(b)"
        }
        let on = conditions.isEmpty ? "FALSE" : conditions.joined(separator: " AND ")
        let leftItems = (0..<leftWidth).map { "l.c\($0) AS c\($0)" }
        let word: String
        switch keys.kind {
        case .semi, .anti:
            // Null keys never match: NOT EXISTS keeps their rows, as scicity does.
            return state.add("SELECT " + (leftItems + ["l._o AS _o"]).joined(separator: ", ") + " FROM \(l) AS l WHERE \(keys.kind == .anti ? "NOT " : "")EXISTS (SELECT 1 FROM \(r) AS r WHERE \(on))")
        case .inner: word = "JOIN"
        case .left: word = "LEFT JOIN"
        case .right: word = "RIGHT JOIN"
        case .full: word = "FULL JOIN"
        }
        let items = leftItems + (0..<right.schema.columns.count).map { "r.c\($0) AS c\(leftWidth + $0)" }
        let order = "row_number() OVER (ORDER BY CASE WHEN l._o IS NULL THEN 1 ELSE 0 END, l._o, r._o) AS _o"
        return state.add("SELECT " + (items + [order]).joined(separator: ", ") + " FROM \(l) AS l \(word) \(r) AS r ON \(on)")
    }

    /// The second plan's rows below the first's, columns matched by name
    /// (the plan says where each goes), numbers widened as planned.
    func append(_ top: Plan, _ bottom: Plan, _ rightToOutput: [Int], _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let a = try node(top, state)
        let b = try node(bottom, state)
        func items(_ source: Plan, _ position: (Int) -> Int?) -> [String] {
            plan.schema.columns.enumerated().map { index, column in
                guard let from = position(index) else { return "\(d.typedNull(column.type == .date ? .integer : column.type)) AS c\(index)" }
                let type = source.schema.columns[from].type
                if type == column.type || column.type == .date { return "c\(from) AS c\(index)" }
                return "\(SQLFunctions.cast(SQLArgument(sql: "c\(from)", type: type), to: column.type, d)) AS c\(index)"
            }
        }
        let upper = items(top) { $0 < top.schema.columns.count ? $0 : nil }
        let lower = items(bottom) { rightToOutput.firstIndex(of: $0) }
        let union = state.add("SELECT " + (upper + ["0 AS _b", "_o"]).joined(separator: ", ") + " FROM \(a) UNION ALL SELECT " + (lower + ["1 AS _b", "_o"]).joined(separator: ", ") + " FROM \(b)")
        let outputs = Self.names(plan.schema.columns.count)
        return state.add("SELECT " + (outputs + ["row_number() OVER (ORDER BY _b, _o) AS _o"]).joined(separator: ", ") + " FROM \(union)")
    }

    /// Each row once per listed column that is not null, the column's name
    /// and value after the other columns.
    func unpivot(_ input: Plan, _ columns: [Int], _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let from = try node(input, state)
        let kept = input.schema.columns.indices.filter { !columns.contains($0) }
        let valueType = plan.schema.columns[plan.schema.columns.count - 1].type
        let parts = columns.enumerated().map { k, index -> String in
            let type = input.schema.columns[index].type
            let value = type == valueType || valueType == .date ? "c\(index)" : SQLFunctions.cast(SQLArgument(sql: "c\(index)", type: type), to: valueType, d)
            let items = kept.enumerated().map { "c\($1) AS c\($0)" }
                + ["\(d.string(input.schema.columns[index].name)) AS c\(kept.count)", "\(value) AS c\(kept.count + 1)", "_o AS _p", "\(k) AS _k"]
            return "SELECT " + items.joined(separator: ", ") + " FROM \(from) WHERE c\(index) IS NOT NULL"
        }
        let union = state.add(parts.joined(separator: " UNION ALL "))
        return state.add("SELECT " + (Self.names(kept.count + 2) + ["row_number() OVER (ORDER BY _p, _k) AS _o"]).joined(separator: ", ") + " FROM \(union)")
    }

    /// One row per input column, as `Stages.describe` makes it: counts,
    /// the lowest and highest value and the most frequent one (ties: the
    /// first seen) as scicity prints them, and for numbers the mean and
    /// sample deviation rounded to the digits shown and the median.
    func describe(_ input: Plan, _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        guard !input.schema.columns.isEmpty else {
            throw refuse(SQLRefusal(construct: "describe of a table with no columns", dialect: d, reason: "its result has no rows to select from"), plan.range)
        }
        guard let text = SQLFunctions.scalar("text", in: d), let median = SQLFunctions.aggregate("median", in: d),
              let distinct = SQLFunctions.aggregate("count_distinct", in: d) else {
            throw refuse(SQLRefusal(construct: "describe", dialect: d, reason: "its median has no SQL here"), plan.range)
        }
        let from = try node(input, state)
        let statistics = Stages.describeColumns
        let rows = try input.schema.columns.enumerated().map { index, column -> String in
            let x = "c\(index)"
            let type = column.type
            func shown(_ sql: String) throws -> String {
                type == .null ? d.typedNull(.string) : try text(d, [SQLArgument(sql: sql, type: type)])
            }
            func typed(_ sql: String, _ index: Int) -> String {
                "CAST(\(sql) AS \(d.type(statistics[index].type))) AS c\(index)"
            }
            let ordered = type == .string ? d.binaryText(x) : x
            // The most frequent value; among ties, the one seen first.
            let counted = "SELECT \(x) AS v, count(*) AS n, min(_o) AS f FROM \(from) WHERE \(x) IS NOT NULL GROUP BY \(x)"
            let top = "(SELECT \(try shown("v")) FROM (\(counted)) AS g ORDER BY n DESC, f ASC LIMIT 1)"
            let numeric = type.isNumeric
            let asDouble = numeric ? SQLFunctions.cast(SQLArgument(sql: x, type: type), to: statistics[7].type, d) : x
            let mean = numeric ? d.roundedToShownFloat("avg(\(asDouble))") : "NULL"
            let deviation = numeric ? d.roundedToShownFloat(SQLFunctions.sortedVariance(asDouble, d, root: true)) : "NULL"
            // describe's median is a float, the midpoint of two doubles.
            // A decimal column's median is its exact midpoint made a double.
            let exactMiddle = type == .decimal && d.exactDecimals
            let middleInput = SQLFunctions.AggregateInput(argument: exactMiddle ? x : asDouble, type: exactMiddle ? .decimal : .float, firstOfValue: "TRUE", order: "_o")
            let middle = numeric ? try median(d, middleInput) : "NULL"
            let middleShown = exactMiddle ? SQLFunctions.cast(SQLArgument(sql: middle, type: .decimal), to: .float, d) : middle
            let items = [
                typed(d.string(column.name), 0), typed(d.string(type.rawValue), 1), typed("count(\(x))", 2),
                typed("count(*) - count(\(x))", 3),
                typed(try distinct(d, SQLFunctions.AggregateInput(argument: x, type: type, firstOfValue: "TRUE", order: "_o")), 4),
                typed(try shown("min(\(ordered))"), 5), typed(try shown("max(\(ordered))"), 6),
                typed(mean, 7), typed(deviation, 8), typed(middleShown, 9), typed(top, 10),
                "\(d.integer(Int64(index))) AS _o",
            ]
            return "SELECT " + items.joined(separator: ", ") + " FROM \(from)"
        }
        return state.add(rows.joined(separator: " UNION ALL "))
    }

    /// The rows `SampleDraw` ranks lowest, in their order: the same
    /// arithmetic on the same positions, so the same rows as scicity draws.
    func sample(_ input: Plan, _ n: Int, seed: UInt64?, _ state: State) throws -> String {
        let d = dialect
        let from = try node(input, state)
        let columns = Self.names(input.schema.columns.count)
        let s = SampleDraw.reduced(seed ?? UInt64.random(in: 0...UInt64.max))
        let p = d.integer(SampleDraw.modulus)
        let numbered = state.add("SELECT " + (columns + ["_o", "row_number() OVER (ORDER BY _o) AS _p"]).joined(separator: ", ") + " FROM \(from)")
        let scattered = state.add("SELECT *, (_p % \(p) * \(d.integer(SampleDraw.multiplier)) + \(d.integer(s))) % \(p) AS _h FROM \(numbered)")
        let rank = "((_h * _h + \(d.integer(SampleDraw.offset))) % \(p) * \(d.integer(SampleDraw.mixer)) + _h) % \(p)"
        let ranked = state.add("SELECT " + (columns + ["_o", "row_number() OVER (ORDER BY \(rank), _p) AS _r"]).joined(separator: ", ") + " FROM \(scattered)")
        return state.add("SELECT " + (columns + ["_o"]).joined(separator: ", ") + " FROM \(ranked) WHERE _r <= \(d.integer(Int64(n)))")
    }

    /// One row per group of keys (first seen first; one row in all without
    /// keys), one column per value the planner found: the aggregate over
    /// each (keys, value) cell as summarize computes it, then spread out.
    func pivot(_ input: Plan, _ keys: [BoundExpression], _ column: BoundExpression, _ values: [Value],
               _ aggregates: [AggregateCall], _ output: BoundExpression, _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        guard !keys.isEmpty || !values.isEmpty else {
            throw refuse(SQLRefusal(construct: "pivot of a column with no values", dialect: d, reason: "its result has no columns, which SQL cannot select"), plan.range)
        }
        let cells = try summarize(input, keys + [column], aggregates, [output], plan, state)
        let keyNames = Self.names(keys.count)
        let pivoted = "c\(keys.count)", cell = "c\(keys.count + 1)"
        guard let equal = SQLFunctions.op("==", in: d) else { throw refuse(SQLRefusal(construct: "pivot", dialect: d), plan.range) }
        // Each (keys, value) cell is one row, so max picks it out.
        let spread = try values.enumerated().map { index, value -> String in
            let test = try equal(d, SQLArgument(sql: pivoted, type: column.type), SQLArgument(sql: literal(value), type: value.type, literal: value))
            return "\(d.name == .postgres && output.type == .bool ? "bool_or" : "max")(CASE WHEN \(test) THEN \(cell) END) AS c\(keys.count + index)"
        }
        if keys.isEmpty {
            return state.add("SELECT " + (spread + ["\(d.integer(0)) AS _o"]).joined(separator: ", ") + " FROM \(cells)")
        }
        let items = keyNames + spread + ["min(_o) AS _o"]
        return state.add("SELECT " + items.joined(separator: ", ") + " FROM \(cells) GROUP BY " + keyNames.joined(separator: ", "))
    }

    /// A running or partition total: exact decimals in DuckDB and Spark;
    /// otherwise a double brought to the 15 digits shown.
    func windowTotal(_ x: SQLArgument, _ over: String) -> String {
        let total = SQLFunctions.windowSum(x, over, dialect)
        if dialect.exactDecimals, x.type != .float { return total }
        return x.type == .float ? dialect.roundedToShownFloat(total) : SQLFunctions.roundedToShown(total, dialect)
    }

    /// A mean over a window frame, divided as scicity divides.
    func windowMean(_ x: SQLArgument, _ over: String) -> String {
        let total = SQLFunctions.windowSum(x, over, dialect)
        let count = "count(\(x.sql)) \(over)"
        if dialect.exactDecimals, x.type != .float { return SQLDecimals.quotient(total, count, dialect) }
        let mean = "(\(total) / \(count))"
        return x.type == .float ? dialect.roundedToShownFloat(mean) : SQLFunctions.roundedToShown(mean, dialect)
    }

    /// Window functions and aggregates over each row's partition, in the
    /// window's order; the rows keep theirs.
    func window(_ input: Plan, _ partition: [BoundExpression], _ order: [Plan.SortItem], _ calls: [WindowCall],
                _ items: [Plan.DeriveItem], _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let from = try node(input, state)
        let width = input.schema.columns.count
        let inputs = Self.names(width)
        let by = try partition.map { try expression($0, inputs, input.schema) }
        let keys = try order.map { key -> String in
            let sql = try expression(key.expression, inputs, input.schema)
            return "\(key.expression.type == .string ? d.binaryText(sql) : sql) \(key.descending ? "DESC" : "ASC") NULLS LAST"
        }
        let partitionClause = by.isEmpty ? "" : "PARTITION BY \(by.joined(separator: ", ")) "
        let ordered = "OVER (\(partitionClause)ORDER BY \((keys + ["_o ASC"]).joined(separator: ", "))"
        let whole = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
        var computed: [String] = []
        for (index, call) in calls.enumerated() {
            let arguments = try call.arguments.map { try expression($0, inputs, input.schema) }
            func refused(_ reason: String) -> Diagnostic {
                refuse(SQLRefusal(construct: "\(call.name)() in window", dialect: d, reason: reason), call.range)
            }
            let sql: String
            switch call.function {
            case .window(let function):
                switch function.name {
                case "row_number": sql = "row_number() \(ordered))"
                case "rank", "dense_rank":
                    // Without sort keys every row of a partition ties.
                    sql = keys.isEmpty ? d.integer(1) : "\(function.name)() OVER (\(partitionClause)ORDER BY \(keys.joined(separator: ", ")))"
                case "lag", "lead":
                    guard d.name != .spark else { throw refused("Spark's analyzer rejects the offset functions in this form (\"Cannot specify window frame\")") }
                    guard let x = arguments.first else { throw refused("it needs an argument") }
                    var n: Int64 = 1
                    if call.arguments.count >= 2, case .literal(.integer(let given)) = call.arguments[1].kind { n = given }
                    // PostgreSQL's offset is an INTEGER, not a BIGINT.
                    var parts = [x, d.name == .postgres ? "\(n)" : d.integer(n)]
                    if arguments.count == 3 {
                        let type = call.type
                        parts.append(SQLFunctions.cast(SQLArgument(sql: arguments[2], type: call.arguments[2].type), to: type, d))
                        parts[0] = SQLFunctions.cast(SQLArgument(sql: x, type: call.arguments[0].type), to: type, d)
                    }
                    sql = "\(function.name)(\(parts.joined(separator: ", "))) \(ordered))"
                case "first": sql = "first_value(\(arguments[0])) \(ordered) \(whole)"
                case "last": sql = "last_value(\(arguments[0])) \(ordered) \(whole)"
                case "cumsum" where call.type == .integer:
                    sql = "sum(\(arguments[0])) \(ordered) ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
                case "cumsum" where !d.sumsDecimals, "moving_avg" where !d.sumsDecimals:
                    throw refused("its sums of decimals are written for DuckDB and Spark only")
                case "cumsum":
                    // Exact decimals (and floats, which scicity adds compensated)
                    // agree to the 15 significant digits both keep.
                    sql = windowTotal(SQLArgument(sql: arguments[0], type: call.arguments[0].type), "\(ordered) ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")
                case "moving_avg":
                    guard call.arguments.count == 2, case .literal(.integer(let given)) = call.arguments[1].kind else {
                        throw refused("its window size must be a whole-number literal")
                    }
                    let n = max(1, given)
                    let frame = "\(ordered) ROWS BETWEEN \(n - 1) PRECEDING AND CURRENT ROW)"
                    sql = windowMean(SQLArgument(sql: arguments[0], type: call.arguments[0].type), frame)
                default:
                    throw refused("not written for windows yet")
                }
            case .aggregate(let aggregate):
                let over = "OVER (\(partitionClause.trimmingCharacters(of: " ")))"
                switch aggregate.name {
                case "count": sql = "count(\(arguments.first ?? "*")) \(over)"
                case "min", "max":
                    let x = arguments[0]
                    sql = d.name == .postgres && call.arguments[0].type == .bool
                        ? "\(aggregate.name == "min" ? "bool_and" : "bool_or")(\(x)) \(over)"
                        : "\(aggregate.name)(\(call.arguments[0].type == .string ? d.binaryText(x) : x)) \(over)"
                    // DuckDB, PostgreSQL ("C") and SQLite compare text by bytes; Spark's
                    // window aggregates reject a collation.
                    if call.arguments[0].type == .string, d.name == .spark {
                        throw refused("Spark's min and max of text over a window need a collation it does not take there")
                    }
                case "sum" where call.type == .integer: sql = "sum(\(arguments[0])) \(over)"
                case "sum" where !d.sumsDecimals, "avg" where !d.sumsDecimals:
                    throw refused("its sums of decimals are written for DuckDB and Spark only")
                case "sum":
                    // Exact decimals agree to the 15 significant digits both keep.
                    sql = windowTotal(SQLArgument(sql: arguments[0], type: call.arguments[0].type), over)
                case "avg":
                    sql = windowMean(SQLArgument(sql: arguments[0], type: call.arguments[0].type), over)
                default: throw refused("not written for windows yet")
                }
            }
            // The engine's own result types (a HUGEINT sum in DuckDB) are cast to the planned one.
            let typed = call.type == .null ? sql : "CAST(\(sql) AS \(d.type(call.type == .date ? .integer : call.type)))"
            computed.append("\(typed) AS w\(index)")
        }
        let scratch = state.add("SELECT " + (inputs + ["_o"] + computed).joined(separator: ", ") + " FROM \(from)")
        var schema = input.schema
        for call in calls { schema.columns.append(PlanColumn(name: "\u{1}", type: call.type)) }
        let names = inputs + calls.indices.map { "w\($0)" }
        var outputs = inputs
        for item in items {
            let sql = try expression(item.expression, names, schema)
            if let replaced = item.replaces, replaced < outputs.count {
                outputs[replaced] = "\(sql) AS c\(replaced)"
            } else {
                outputs.append("\(sql) AS c\(outputs.count)")
            }
        }
        for index in outputs.indices where outputs[index] == "c\(index)" { outputs[index] = "c\(index)" }
        return state.add("SELECT " + (outputs + ["_o"]).joined(separator: ", ") + " FROM \(scratch)")
    }

    /// A table or file, its picked columns as `c0…` with dates encoded, and
    /// `_o` the row number in the source's order.
    func source(_ relation: SQLRelation, full: Schema, picked: [Int], plan: Plan, _ state: State) throws -> String {
        let d = dialect
        var from: String
        var ordinal = d.name == .spark ? "monotonically_increasing_id()" : "row_number() OVER ()"
        var read: (Int) -> String
        switch relation {
        case .named(let name, let ordinalColumn):
            from = d.quote(name)
            if let ordinalColumn { ordinal = d.quote(ordinalColumn) }
            read = { d.quote(full.columns[$0].name) }
        case .file(let path):
            if d.name == .spark, full.columns.count == 1 {
                throw refuse(SQLRefusal(construct: "load of a file of one column", dialect: d,
                                        reason: "Spark's CSV reader skips empty lines, which in such a file are rows whose value is null"), plan.range)
            }
            from = try file(path, full, plan, state)
            read = { "f\($0)" }
        case .numberedFile(let path):
            let numbered = Schema([PlanColumn(name: "row", type: .integer)] + full.columns)
            from = try file(path, numbered, plan, state)
            read = { "f\($0 + 1)" }
            ordinal = "f0"
        }
        var isNamed = false
        if case .named = relation { isNamed = true }
        if d.isPortable, picked.contains(where: { full.columns[$0].type == .timestamp }) {
            throw refuse(SQLTime.portableRefusal(d), plan.range)
        }
        let items = picked.enumerated().map { position, index -> String in
            let column = full.columns[index]
            let value = read(index)
            switch column.type {
            case .date: return "\(d.isPortable ? SQLTime.isoDate(value, d) : SQLTime.parseDate(value, d)) AS c\(position)"
            case .timestamp: return "\(SQLTime.parseTimestamp(value, d)) AS c\(position)"
            case .null: return "\(d.typedNull(.string)) AS c\(position)"
            case .decimal where !isNamed && d.name == .duckdb: return "\(SQLDecimals.fromText(value, d)) AS c\(position)"
            case .string:
                // Spark reads `""` as null unless told otherwise: it reads as U+0001, then as empty text.
                if !isNamed, d.name == .spark { return "CASE WHEN \(value) = '\\u0001' THEN '' ELSE \(value) END AS c\(position)" }
                if !isNamed { return "\(value) AS c\(position)" }
                return "CAST(\(value) AS \(d.type(column.type))) AS c\(position)"
            default:
                if !isNamed { return "\(value) AS c\(position)" }
                return "CAST(\(value) AS \(d.type(column.type))) AS c\(position)"
            }
        }
        return state.add("SELECT " + (items + ["\(ordinal) AS _o"]).joined(separator: ", ") + " FROM \(from)")
    }

    /// The engine's CSV reader over a file, every column's type given.
    func file(_ path: String, _ full: Schema, _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let lower = path.lowercased()
        let delimiter: String
        if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") { delimiter = "," }
        else if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { delimiter = "\t" }
        else { throw refuse(SQLRefusal(construct: "load of a file that is not CSV or TSV (\(path))", dialect: d), plan.range) }
        // DuckDB reads decimals as text: SQLDecimals.fromText.
        func readType(_ type: ValueType) -> String {
            type == .date || type == .timestamp || type == .null || (type == .decimal && d.name == .duckdb) ? d.type(.string) : d.type(type)
        }
        switch d.name {
        case .sqlite:
            throw refuse(SQLRefusal(construct: "load of a file", dialect: d, reason: "SQLite's SQL cannot read a file; import it into a table (sqlite3's .import) and name the table"), plan.range)
        case .postgres:
            // COPY reads CSV as scicity does: an empty field is null, "" empty text.
            // The server reads the file: a superuser's, or pg_read_server_files'.
            if let table = state.views[path] { return table }
            let table = "\(fileViewPrefix)\(state.views.count)"
            state.views[path] = table
            let columns = full.columns.indices.map { "f\($0) \(readType(full.columns[$0].type))" }.joined(separator: ", ")
            state.setup.append("CREATE TEMPORARY TABLE \(table) (\(columns))")
            state.setup.append("COPY \(table) FROM \(d.string(path)) WITH (FORMAT csv, HEADER true, DELIMITER \(d.string(delimiter)))")
            return table
        case .spark:
            if let view = state.views[path] { return view }
            let view = "\(fileViewPrefix)\(state.views.count)"
            state.views[path] = view
            let columns = full.columns.indices.map { "f\($0) \(readType(full.columns[$0].type))" }.joined(separator: ", ")
            // One partition (multiLine), so row ids follow the file's order.
            state.setup.append("""
                CREATE OR REPLACE TEMPORARY VIEW \(view) (\(columns)) USING csv OPTIONS (path \(d.string(path)), header 'true', sep \(d.string(delimiter)), quote '"', escape '"', multiLine 'true', mode 'FAILFAST', nullValue '', emptyValue '\\u0001', ignoreLeadingWhiteSpace 'false', ignoreTrailingWhiteSpace 'false')
                """)
            return view
        default:
            let columns = full.columns.indices.map { "'f\($0)': '\(readType(full.columns[$0].type))'" }.joined(separator: ", ")
            return "read_csv(\(d.string(path)), header = true, auto_detect = false, delim = \(d.string(delimiter)), quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = {\(columns)})"
        }
    }

    func summarize(_ input: Plan, _ groups: [BoundExpression], _ aggregates: [AggregateCall], _ outputs: [BoundExpression], _ plan: Plan, _ state: State) throws -> String {
        let d = dialect
        let from = try node(input, state)
        let inputs = Self.names(input.schema.columns.count)
        let keys = Self.names(groups.count, "k")
        var prepared = try groups.enumerated().map { "\(try expression($0.element, inputs, input.schema)) AS k\($0.offset)" }
        var arguments: [String?] = []
        for (index, call) in aggregates.enumerated() {
            guard SQLFunctions.aggregate(call.declaration.name, in: d) != nil else {
                throw refuse(SQLRefusal(construct: "the aggregate \(call.declaration.name)", dialect: d), call.range)
            }
            if let argument = call.argument {
                prepared.append("\(try expression(argument, inputs, input.schema)) AS a\(index)")
                arguments.append("a\(index)")
            } else {
                arguments.append(nil)
            }
        }
        var inputCTE = state.add("SELECT " + (prepared + ["_o"]).joined(separator: ", ") + " FROM \(from)")
        var firsts: [String] = []
        for (index, call) in aggregates.enumerated() where SQLFunctions.needsFirstOfValue.contains(call.declaration.name) && call.argument != nil {
            let partition = (keys + ["a\(index)"]).joined(separator: ", ")
            firsts.append("(row_number() OVER (PARTITION BY \(partition) ORDER BY _o) = 1) AS f\(index)")
        }
        for (index, call) in aggregates.enumerated() where SQLFunctions.needsValueCounts.contains(call.declaration.name) && call.argument != nil {
            let partition = (keys + ["a\(index)"]).joined(separator: ", ")
            firsts.append("count(*) OVER (PARTITION BY \(partition)) AS n\(index)")
            firsts.append("min(_o) OVER (PARTITION BY \(partition)) AS m\(index)")
        }
        if !firsts.isEmpty {
            inputCTE = state.add("SELECT *, " + firsts.joined(separator: ", ") + " FROM \(inputCTE)")
        }
        var computed: [String] = keys
        for (index, call) in aggregates.enumerated() {
            guard let compile = SQLFunctions.aggregate(call.declaration.name, in: d) else { continue }
            let input = SQLFunctions.AggregateInput(argument: arguments[index], type: call.argument?.type, firstOfValue: "f\(index)", order: "_o",
                                                    parameter: call.declaration.boundParameter, valueCount: "n\(index)", valueFirst: "m\(index)")
            do {
                computed.append("\(try compile(d, input)) AS x\(index)")
            } catch let refusal as SQLRefusal {
                throw refuse(refusal, call.range)
            }
        }
        // A group's place is its first row's; without keys, one row always.
        let grouped: String
        if groups.isEmpty {
            grouped = state.add("SELECT " + (computed + ["\(d.integer(0)) AS _o"]).joined(separator: ", ") + " FROM \(inputCTE)")
        } else {
            grouped = state.add("SELECT " + (computed + ["min(_o) AS _o"]).joined(separator: ", ") + " FROM \(inputCTE) GROUP BY " + keys.joined(separator: ", "))
        }
        // Outputs read the keys, then one column per aggregate.
        var scratch = Schema(groups.map { PlanColumn(name: "", type: $0.type) })
        scratch.columns += aggregates.map { PlanColumn(name: "", type: $0.type) }
        let scratchNames = keys + Self.names(aggregates.count, "x")
        let items = try outputs.enumerated().map { "\(try expression($0.element, scratchNames, scratch)) AS c\(groups.count + $0.offset)" }
        let keyItems = keys.enumerated().map { "\($0.element) AS c\($0.offset)" }
        return state.add("SELECT " + (keyItems + items + ["_o"]).joined(separator: ", ") + " FROM \(grouped)")
    }

    // MARK: Expressions

    /// An expression over input columns named `columns` (of `schema`'s types).
    public func expression(_ e: BoundExpression, _ columns: [String], _ schema: Schema) throws -> String {
        let d = dialect
        // An expression scicity types as null is null whatever it reads.
        if e.type == .null {
            if case .literal = e.kind { return "NULL" }
            if case .column(let index) = e.kind, index < columns.count { return columns[index] }
            return d.typedNull(.string)
        }
        func argument(_ inner: BoundExpression) throws -> SQLArgument {
            var literal: Value?
            if case .literal(let value) = inner.kind { literal = value }
            return SQLArgument(sql: try expression(inner, columns, schema), type: inner.type, literal: literal)
        }
        switch e.kind {
        case .literal(let value):
            if case .timestamp = value, d.isPortable { throw refuse(SQLTime.portableRefusal(d), e.range) }
            return literal(value)
        case .column(let index):
            guard index < columns.count else {
                throw Diagnostic(message: "internal error: column \(index) of \(columns.count)", range: e.range)
            }
            return columns[index]
        case .negate(let inner):
            if inner.type == .null { return d.typedNull(e.type) }
            let negated = "(-\(try expression(inner, columns, schema)))"
            return d.name == .sqlite && inner.type == .integer ? SQLFunctions.checkedInteger(negated) : negated
        case .not(let inner):
            if inner.type == .null { return d.typedNull(.bool) }
            return "(NOT \(try expression(inner, columns, schema)))"
        case .nullTest(let inner, let negated):
            if inner.type == .null { return negated ? "FALSE" : "TRUE" }
            return "(\(try expression(inner, columns, schema)) IS \(negated ? "NOT " : "")NULL)"
        case .membership(let subject, let items, let negated):
            var a = try argument(subject)
            var tests: [String] = []
            for item in items {
                var b = try argument(item)
                if b.type == .null || a.type == .null { tests.append(d.typedNull(.bool)); continue }
                try dateAgainstText(&a, &b, e.range)
                guard let compare = SQLFunctions.op("==", in: d) else { continue }
                tests.append(try compare(d, a, b))
            }
            let any = "(" + tests.joined(separator: " OR ") + ")"
            return negated ? "(NOT \(any))" : any
        case .binary(let op, let left, let right):
            var a = try argument(left)
            var b = try argument(right)
            if op != .and && op != .or && (a.type == .null || b.type == .null) {
                return d.typedNull(e.type)
            }
            if a.type == .null { a.sql = d.typedNull(.bool) }
            if b.type == .null { b.sql = d.typedNull(.bool) }
            if op.isComparison { try dateAgainstText(&a, &b, e.range) }
            guard let compile = SQLFunctions.op(op.rawValue, in: d) else {
                throw refuse(SQLRefusal(construct: "the operator \(op.rawValue)", dialect: d), e.range)
            }
            do { return try compile(d, a, b) } catch let refusal as SQLRefusal { throw refuse(refusal, e.range) }
        case .caseWhen(let arms, let otherwise):
            // Both engines evaluate only the arm a row takes, as scicity does.
            var parts = ["CASE"]
            for arm in arms {
                let condition = arm.condition.type == .null ? d.typedNull(.bool) : try expression(arm.condition, columns, schema)
                parts.append("WHEN \(condition) THEN \(SQLFunctions.cast(try argument(arm.value), to: e.type, d))")
            }
            if let otherwise { parts.append("ELSE \(SQLFunctions.cast(try argument(otherwise), to: e.type, d))") }
            parts.append("END")
            return "(" + parts.joined(separator: " ") + ")"
        case .call(let function, let arguments):
            guard let compile = SQLFunctions.scalar(function.name, in: d) else {
                throw refuse(SQLRefusal(construct: "the function \(function.name)", dialect: d), e.range)
            }
            let compiled = try arguments.map(argument)
            // Functions give null for a null argument (coalesce aside).
            if !["coalesce", "text", "concat"].contains(function.name), compiled.first?.type == .null { return d.typedNull(e.type) }
            do { return try compile(d, compiled) } catch let refusal as SQLRefusal { throw refuse(refusal, e.range) }
        }
    }

    /// A date compared with text: the text is a literal spelling a date.
    func dateAgainstText(_ a: inout SQLArgument, _ b: inout SQLArgument, _ range: SourceRange) throws {
        func convert(_ x: inout SQLArgument) throws {
            guard case .string(let text)? = x.literal, let date = DateValue.parse(text) else {
                throw Diagnostic(message: "cannot compare a date with a string; write a date as @2023-03-27", range: range)
            }
            x = SQLArgument(sql: literal(.date(date)), type: .date, literal: .date(date))
        }
        if a.type == .date, b.type == .string { try convert(&b) }
        if b.type == .date, a.type == .string { try convert(&a) }
    }

    func literal(_ value: Value) -> String {
        let d = dialect
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .integer(let i): return d.integer(i)
        case .decimal(let x): return d.decimal(x)
        case .float(let x): return d.float(x)
        case .string(let s): return d.string(s)
        case .date(let date): return "\(d.integer(Int64(date.encoded))) /* @\(date) */"
        case .timestamp(let t): return "\(d.integer(t.seconds)) /* @\(t) */"
        }
    }
}

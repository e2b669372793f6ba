import SciLanguage

extension Functions {
    /// Applies `body` to each row's argument values; the planner has checked
    /// the types. With `nullGivesNull`, a row with a null argument is null
    /// without calling `body` (conversions, dates); else `body` sees the
    /// nulls (`if`, `greatest`). With `widening`, the result joins the
    /// arguments' numbers: with a float among them it is a float, with a
    /// decimal an integer becomes a decimal (`if(c, 1, 2.5)`).
    static func rowWise(_ call: FunctionCall, nullGivesNull: Bool = false, widening: Bool = false, _ body: ([Value]) throws -> Value) throws -> Operand {
        // Which way numbers widen is known from the types, once.
        let toFloat = widening && call.arguments.contains { $0.type == .float }
        let toDecimal = widening && call.arguments.contains { $0.type == .decimal }
        func value(_ values: [Value]) throws -> Value {
            if nullGivesNull, values.contains(where: \.isNull) { return .null }
            let result = try body(values)
            if toFloat, let d = result.asDouble { return .float(d) }
            if toDecimal, case .integer(let i) = result { return .decimal(ExactDecimal(i)) }
            return result
        }
        if call.arguments.allSatisfy({ if case .scalar = $0 { return true }; return false }) {
            return .scalar(try value(call.arguments.map { if case .scalar(let v) = $0 { return v }; return .null }))
        }
        let columns = call.arguments.map { $0.materialize(count: call.rowCount) }
        var builder = CheckedColumnBuilder(range: call.range)
        var values = [Value](repeating: .null, count: columns.count)
        for row in 0..<call.rowCount {
            for index in columns.indices { values[index] = columns[index][row] }
            guard try builder.append(try value(values)) else {
                throw Diagnostic(message: "the arguments give values of different types", range: call.range)
            }
        }
        return .column(builder.build(count: call.rowCount))
    }
}

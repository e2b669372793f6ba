import SciLanguage

/// An aggregate function over groups of rows, declared with its signature,
/// description and example, like the scalar functions.
public struct AggregateDeclaration: Sendable {
    public let name: String
    public let signature: String
    public let summary: String
    public let example: String
    public let arity: ClosedRange<Int>
    /// The result's type for an argument of this type (nil: no argument).
    public let typing: @Sendable (ValueType?) -> Typing
    let compute: @Sendable (_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column
    /// A second argument that must be written out (percentile's fraction,
    /// string_agg's separator); nil for aggregates of one argument.
    public var parameter: AggregateParameter? = nil
    /// The value given for `parameter`, once the planner has checked it.
    public var boundParameter: Value? = nil

    /// This aggregate with its second argument's value fixed: what a call
    /// with that literal computes.
    public func binding(_ value: Value) -> AggregateDeclaration {
        guard let parameter else { return self }
        return AggregateDeclaration(
            name: name, signature: signature, summary: summary, example: example, arity: arity, typing: typing,
            compute: { input, grouping, range in try parameter.compute(value, input, grouping, range) },
            parameter: parameter, boundParameter: value)
    }
}

/// The literal second argument of an aggregate: how it is checked before
/// any row is read, and the aggregate computed with it.
public struct AggregateParameter: Sendable {
    /// nil when the value is accepted, else why not (for a positioned error).
    public let check: @Sendable (Value) -> String?
    let compute: @Sendable (_ value: Value, _ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column
}

public enum Aggregates {
    public static func declaration(named name: String) -> AggregateDeclaration? {
        all.first { $0.name == name }
    }

    /// Every aggregate: the first ones, statistics, and those that keep the rows' order.
    public static let all: [AggregateDeclaration] = basic + statistics + inOrder

    static let basic: [AggregateDeclaration] = [
        AggregateDeclaration(
            name: "count", signature: "count() or count(x)", summary: "The number of rows; with an argument, of rows where x is not null.",
            example: #"metrics | summarize rows = count(), with_date = count(as_of)"#, arity: 0...1, typing: { _ in .result(.integer) }, compute: count),
        AggregateDeclaration(
            name: "count_distinct", signature: "count_distinct(x)", summary: "The number of different non-null values of x.",
            example: #"metrics | summarize units = count_distinct(unit)"#, arity: 1...1, typing: { _ in .result(.integer) }, compute: countDistinct),
        AggregateDeclaration(
            name: "sum", signature: "sum(number)", summary: "The total, ignoring nulls; null when there is nothing to add.",
            example: #"metrics | where unit == "亩" | summarize total = sum(value)"#, arity: 1...1, typing: { numeric($0, "sum") { $0 } }, compute: sum),
        AggregateDeclaration(
            name: "avg", signature: "avg(number)", summary: "The mean, ignoring nulls: a decimal to 15 significant digits, never losing a whole digit (a float for floats).",
            example: #"metrics | where unit == "亩" | summarize mean = avg(value)"#, arity: 1...1, typing: { numeric($0, "avg") { $0 == .float ? .float : .decimal } }, compute: average),
        AggregateDeclaration(
            name: "min", signature: "min(x)", summary: "The smallest value (numbers, text, dates, true/false).",
            example: #"events | summarize first = min(date)"#, arity: 1...1, typing: { .result($0 ?? .null) }, compute: { try extreme($0, $1, $2, wantMax: false) }),
        AggregateDeclaration(
            name: "max", signature: "max(x)", summary: "The largest value.",
            example: #"events | summarize last = max(date)"#, arity: 1...1, typing: { .result($0 ?? .null) }, compute: { try extreme($0, $1, $2, wantMax: true) }),
        AggregateDeclaration(
            name: "median", signature: "median(number)", summary: "The middle value; the mean of the two middle values for an even count.",
            example: #"metrics | where unit == "亩" | summarize m = median(value)"#, arity: 1...1, typing: { numeric($0, "median") { $0 == .float ? .float : .decimal } }, compute: median),
        AggregateDeclaration(
            name: "list", signature: "list(x)", summary: "The distinct values joined with \", \" in order of first appearance.",
            example: #"metrics | summarize units = list(unit)"#, arity: 1...1, typing: { _ in .result(.string) }, compute: list),
    ]

    /// A numeric argument (or null) gives `result`; anything else is refused.
    static func numeric(_ type: ValueType?, _ name: String, _ result: (ValueType) -> ValueType) -> Typing {
        guard let type else { return .invalid("\(name) needs a column") }
        if type == .null { return .result(result(.decimal)) }
        guard type.isNumeric else { return .invalid("\(name) needs numbers, but this is \(type.article)") }
        return .result(result(type))
    }

    static func numbers(_ input: Column?, _ name: String, _ range: SourceRange) throws -> (doubles: [Double], integers: [Int64]?) {
        guard let input else { throw Diagnostic(message: "\(name) needs a column", range: range) }
        switch input.storage {
        case .integer(let v): return (v.map(Double.init), v)
        case .decimal, .float: return (input.doubles ?? [], nil)
        case .null(let n): return ([Double](repeating: 0, count: n), nil)
        default: throw Diagnostic(message: "\(name) needs numbers, but this is \(input.type.article)", range: range)
        }
    }

    /// Integers or decimals as units and their scale; nil for floats and nulls.
    static func exactUnits(_ input: Column?) -> (units: [Int64], scale: Int)? {
        switch input?.storage {
        case .integer(let v)?: return (v, 0)
        case .decimal(let v, let scale)?: return (v, scale)
        default: return nil
        }
    }

    /// Exact totals per group in 128 bits (only a total that does not fit is
    /// an overflow, whatever the order of the rows), and the rows counted.
    static func exactTotals(_ input: Column, _ units: [Int64], _ grouping: Grouping) -> (totals: [Int128], counts: [Int64]) {
        var totals = [Int128](repeating: 0, count: grouping.groupCount)
        var counts = [Int64](repeating: 0, count: grouping.groupCount)
        units.withUnsafeBufferPointer { values in
            if let flags = input.nulls {
                for (row, group) in grouping.groupOfRow.enumerated() where !flags[row] {
                    totals[Int(group)] += Int128(values[row])
                    counts[Int(group)] += 1
                }
            } else {
                for (row, group) in grouping.groupOfRow.enumerated() {
                    totals[Int(group)] += Int128(values[row])
                    counts[Int(group)] += 1
                }
            }
        }
        return (totals, counts)
    }

    static func count(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        var counts = [Int64](repeating: 0, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !(input?.isNull(row) ?? false) {
            try Cancellation.check(row: row)
            counts[Int(group)] += 1
        }
        return Column(.integer(counts))
    }

    static func countDistinct(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        guard let input else { throw Diagnostic(message: "count_distinct needs a column", range: range) }
        let (codes, _) = try Grouping.denseCodes(input)
        // Not a Set: its growth rehashes millions of pairs in one step Ctrl-C cannot enter.
        var seen = KeyNumbering()
        var counts = [Int64](repeating: 0, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !input.isNull(row) {
            try Cancellation.check(row: row)
            if try seen.number(Int64(group) << 32 | Int64(codes[row])).isNew { counts[Int(group)] += 1 }
        }
        return Column(.integer(counts))
    }

    static func sum(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        if let input, let (units, scale) = exactUnits(input) {
            let (totals, counts) = exactTotals(input, units, grouping)
            var results = [Int64](repeating: 0, count: grouping.groupCount)
            for (g, total) in totals.enumerated() {
                guard let fitting = DecimalArithmetic.fitting(total) else {
                    throw Diagnostic(message: scale == 0 ? "integer overflow in sum" : "decimal overflow in sum: the total needs more than 18 digits", range: range)
                }
                results[g] = fitting
            }
            let nulls = counts.map { $0 == 0 }
            if case .integer = input.storage { return Column(.integer(results), nulls: nulls) }
            return Column(.decimal(results, scale: scale), nulls: nulls)
        }
        let (doubles, _) = try numbers(input, "sum", range)
        if case .null? = input?.storage { return Column.nulls(of: .decimal, count: grouping.groupCount) }
        // Kahan summation keeps long sums of floats right to the digits shown.
        var seen = [Bool](repeating: false, count: grouping.groupCount)
        var totals = [Double](repeating: 0, count: grouping.groupCount)
        var compensation = [Double](repeating: 0, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !(input?.isNull(row) ?? true) {
            try Cancellation.check(row: row)
            let g = Int(group)
            let y = doubles[row] - compensation[g]
            let t = totals[g] + y
            compensation[g] = (t - totals[g]) - y
            totals[g] = t
            seen[g] = true
        }
        return try floatColumn(totals.map(DecimalFormat.roundedToShown), nulls: seen.map { !$0 }, "sum", range)
    }

    /// A float result: beyond the double range is an overflow error.
    static func floatColumn(_ values: [Double], nulls: [Bool], _ name: String, _ range: SourceRange) throws -> Column {
        for (g, value) in values.enumerated() where !nulls[g] && !value.isFinite {
            throw Diagnostic(message: "float overflow in \(name): the result is beyond ±1.8e308", range: range)
        }
        return Column(.float(values), nulls: nulls)
    }

    static func average(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        if let input, let (units, scale) = exactUnits(input) {
            let (totals, counts) = exactTotals(input, units, grouping)
            return try DecimalMeans.column(totals, counts, scale: scale)
        }
        if case .null? = input?.storage { return Column.nulls(of: .decimal, count: grouping.groupCount) }
        let (doubles, _) = try numbers(input, "avg", range)
        // Compensated (Kahan) summation, as sum: the mean of millions of
        // rows is then right to the digits shown, in any order of the rows.
        var totals = [Double](repeating: 0, count: grouping.groupCount)
        var compensation = [Double](repeating: 0, count: grouping.groupCount)
        var counts = [Int](repeating: 0, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !(input?.isNull(row) ?? true) {
            try Cancellation.check(row: row)
            let g = Int(group)
            let y = doubles[row] - compensation[g]
            let t = totals[g] + y
            compensation[g] = (t - totals[g]) - y
            totals[g] = t
            counts[g] += 1
        }
        let means = (0..<grouping.groupCount).map { counts[$0] == 0 ? 0 : DecimalFormat.roundedToShown(totals[$0] / Double(counts[$0])) }
        return try floatColumn(means, nulls: counts.map { $0 == 0 }, "avg", range)
    }

    static func median(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        if let input, let (units, scale) = exactUnits(input) {
            var members = [[Int64]](repeating: [], count: grouping.groupCount)
            defer { BackgroundRelease.release(members, count: members.count) }
            for (row, group) in grouping.groupOfRow.enumerated() where !input.isNull(row) {
                try Cancellation.check(row: row)
                members[Int(group)].append(units[row])
            }
            var numerators = [Int128](repeating: 0, count: grouping.groupCount)
            var denominators = [Int64](repeating: 0, count: grouping.groupCount)
            for (g, values) in members.enumerated() where !values.isEmpty {
                try Cancellation.check(row: g)
                let sorted = values.sorted()
                let mid = sorted.count / 2
                if sorted.count % 2 == 1 {
                    numerators[g] = Int128(sorted[mid]); denominators[g] = 1
                } else {
                    numerators[g] = Int128(sorted[mid - 1]) + Int128(sorted[mid]); denominators[g] = 2
                }
            }
            return try DecimalMeans.column(numerators, denominators, scale: scale)
        }
        if case .null? = input?.storage { return Column.nulls(of: .decimal, count: grouping.groupCount) }
        let (doubles, _) = try numbers(input, "median", range)
        var members = [[Double]](repeating: [], count: grouping.groupCount)
        defer { BackgroundRelease.release(members, count: members.count) }
        for (row, group) in grouping.groupOfRow.enumerated() where !(input?.isNull(row) ?? true) {
            try Cancellation.check(row: row)
            members[Int(group)].append(doubles[row])
        }
        var nulls = [Bool](repeating: false, count: grouping.groupCount)
        // A sort per group: with millions of groups, long enough to look at Ctrl-C.
        let medians = try members.enumerated().map { index, values -> Double in
            try Cancellation.check(row: index)
            if values.isEmpty { nulls[index] = true; return 0 }
            let sorted = values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        return try floatColumn(medians, nulls: nulls, "median", range)
    }

    static func extreme(_ input: Column?, _ grouping: Grouping, _ range: SourceRange, wantMax: Bool) throws -> Column {
        guard let input else { throw Diagnostic(message: "\(wantMax ? "max" : "min") needs a column", range: range) }
        let keys = try SortKeys.orderKeys(input)
        var best = [Int](repeating: -1, count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !input.isNull(row) {
            try Cancellation.check(row: row)
            let g = Int(group)
            if best[g] < 0 || (wantMax ? keys[row] > keys[best[g]] : keys[row] < keys[best[g]]) { best[g] = row }
        }
        return input.gather(best)
    }

    static func list(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        guard let input else { throw Diagnostic(message: "list needs a column", range: range) }
        let (codes, _) = try Grouping.denseCodes(input)
        // Not a Set: its growth rehashes millions of pairs in one step Ctrl-C cannot enter.
        var seen = KeyNumbering()
        var parts = [[String]](repeating: [], count: grouping.groupCount)
        defer { BackgroundRelease.release(parts, count: parts.count) }
        for (row, group) in grouping.groupOfRow.enumerated() where !input.isNull(row) {
            try Cancellation.check(row: row)
            if try seen.number(Int64(group) << 32 | Int64(codes[row])).isNew {
                parts[Int(group)].append(input[row].description)
            }
        }
        var builder = ColumnBuilder()
        for (group, p) in parts.enumerated() {
            try Cancellation.check(row: group)
            _ = builder.append(p.isEmpty ? .null : .string(p.joined(separator: ", ")))
        }
        return builder.build(count: grouping.groupCount)
    }
}

import SciLanguage

/// stddev, variance, percentile and mode: statistics of each group's
/// values, nulls left out.
extension Aggregates {
    static let statistics: [AggregateDeclaration] = [
        AggregateDeclaration(
            name: "variance", signature: "variance(number)", summary: "The sample variance (divided by n - 1, as SQL's var_samp); null for fewer than 2 values.",
            example: #"metrics | where unit == "亩" | summarize v = variance(value)"#, arity: 1...1,
            typing: { numeric($0, "variance") { _ in .float } }, compute: { try spread($0, $1, $2, "variance", root: false) }),
        AggregateDeclaration(
            name: "stddev", signature: "stddev(number)", summary: "The sample standard deviation (as SQL's stddev_samp); null for fewer than 2 values.",
            example: #"metrics | where unit == "亩" | summarize s = stddev(value)"#, arity: 1...1,
            typing: { numeric($0, "stddev") { _ in .float } }, compute: { try spread($0, $1, $2, "stddev", root: true) }),
        AggregateDeclaration(
            name: "percentile", signature: "percentile(number, p)", summary: "The continuous p-quantile, p written out from 0 to 1: interpolated between the two nearest values, as DuckDB's quantile_cont (percentile(x, 0.5) is the median).",
            example: #"metrics | where unit == "亩" | summarize p90 = percentile(value, 0.9)"#, arity: 2...2,
            typing: { numeric($0, "percentile") { _ in .float } }, compute: { _, _, range in throw Diagnostic(message: "percentile needs its fraction", range: range) },
            parameter: AggregateParameter(check: fractionCheck, compute: percentile)),
        AggregateDeclaration(
            name: "mode", signature: "mode(x)", summary: "The most frequent value; of values as frequent, the one that comes first; null when there is none.",
            example: #"metrics | summarize most = mode(unit)"#, arity: 1...1,
            typing: { .result($0 ?? .null) }, compute: mode),
    ]

    static let fractionCheck: @Sendable (Value) -> String? = { value in
        guard let p = value.asDouble, value.type.isNumeric, p >= 0, p <= 1 else {
            return "percentile needs a fraction from 0 to 1 written out, such as 0.9, but this is \(value.isNull ? "null" : value.description)"
        }
        return nil
    }

    /// Each group's values (nulls left out), as doubles, in row order.
    static func groupValues(_ input: Column?, _ grouping: Grouping, _ name: String, _ range: SourceRange) throws -> [[Double]] {
        let (doubles, _) = try numbers(input, name, range)
        var members = [[Double]](repeating: [], count: grouping.groupCount)
        for (row, group) in grouping.groupOfRow.enumerated() where !(input?.isNull(row) ?? true) {
            members[Int(group)].append(doubles[row])
        }
        return members
    }

    /// Sample variance by Welford's updates (as DuckDB's var_samp), over the
    /// values in ascending order so that the result does not depend on the
    /// order the rows come in, rounded to the digits shown as sum and avg are.
    static func spread(_ input: Column?, _ grouping: Grouping, _ range: SourceRange, _ name: String, root: Bool) throws -> Column {
        let members = try groupValues(input, grouping, name, range)
        var results = [Double](repeating: 0, count: grouping.groupCount)
        var nulls = [Bool](repeating: true, count: grouping.groupCount)
        for (group, values) in members.enumerated() where values.count >= 2 {
            let variance = try sortedVariance(values)
            let result = root ? variance.squareRoot() : variance
            guard result.isFinite else { continue }
            results[group] = DecimalFormat.roundedToShown(result)
            nulls[group] = false
        }
        return Column(.float(results), nulls: nulls)
    }

    /// Welford's updates over `values` (two or more) in ascending order.
    /// Throws `Interrupted` on Ctrl-C.
    static func sortedVariance(_ values: [Double]) throws -> Double {
        variance(ascending: try RadixSort.sorted(values))
    }

    /// Welford's updates over values already in ascending order.
    static func variance(ascending: [Double]) -> Double {
        var count = 0.0, mean = 0.0, squares = 0.0
        for x in ascending {
            count += 1
            let newMean = mean + (x - mean) / count
            squares += (x - newMean) * (x - mean)
            mean = newMean
        }
        return squares / (count - 1)
    }

    static func percentile(_ fraction: Value, _ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        let p = fraction.asDouble ?? 0.5
        let members = try groupValues(input, grouping, "percentile", range)
        var results = [Double](repeating: 0, count: grouping.groupCount)
        var nulls = [Bool](repeating: true, count: grouping.groupCount)
        for (group, values) in members.enumerated() where !values.isEmpty {
            let sorted = values.sorted()
            // DuckDB's quantile_cont: the position (n - 1) × p, interpolated.
            let position = Double(sorted.count - 1) * p
            let low = position.rounded(.down), high = position.rounded(.up)
            let lo = sorted[Int(low)], hi = sorted[Int(high)]
            let d = position - low
            results[group] = low == high ? lo : lo * (1 - d) + hi * d
            nulls[group] = false
        }
        return Column(.float(results), nulls: nulls)
    }

    static func mode(_ input: Column?, _ grouping: Grouping, _ range: SourceRange) throws -> Column {
        guard let input else { throw Diagnostic(message: "mode needs a column", range: range) }
        let (codes, _) = try Grouping.denseCodes(input)
        // Per (group, value): how often, and the first row it is on.
        var tally: [Int64: (count: Int, first: Int)] = [:]
        for (row, group) in grouping.groupOfRow.enumerated() where !input.isNull(row) {
            let key = Int64(group) << 32 | Int64(codes[row])
            if let seen = tally[key] { tally[key] = (seen.count + 1, seen.first) } else { tally[key] = (1, row) }
        }
        var best = [(count: Int, first: Int)](repeating: (0, -1), count: grouping.groupCount)
        for (key, entry) in tally {
            let group = Int(key >> 32)
            let current = best[group]
            if entry.count > current.count || (entry.count == current.count && entry.first < current.first) { best[group] = entry }
        }
        return input.gather(best.map(\.first))
    }
}

import SciEngine

/// variance, stddev, percentile, mode, first, last and string_agg in SQL.
extension SQLFunctions {
    static let moreAggregates: [String: Aggregate] = [
        // Welford's updates over the values in ascending order, rounded to
        // the digits shown: as scicity computes them, to the last bit.
        "variance": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(.decimal) }
            return d.roundedToShownFloat(sortedVariance(cast(SQLArgument(sql: x, type: i.type ?? .float), to: .float, d), d, root: false))
        },
        "stddev": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(.decimal) }
            return d.roundedToShownFloat(sortedVariance(cast(SQLArgument(sql: x, type: i.type ?? .float), to: .float, d), d, root: true))
        },
        "percentile": { d, i in
            guard let argument = i.argument, i.type != .null, let p = i.parameter?.asDouble else { return d.typedNull(.decimal) }
            let x = cast(SQLArgument(sql: argument, type: i.type ?? .float), to: .float, d)
            switch d.name {
            case .spark:
                // Spelled out, to interpolate as quantile_cont and scicity do: lo × (1 - d) + hi × d.
                let sorted = "array_sort(collect_list(CAST(\(x) AS DOUBLE)))"
                let position = "((count(\(x)) - 1) * \(d.float(p)))"
                let low = "floor(\(position))", high = "ceil(\(position))"
                let lo = "element_at(\(sorted), CAST(\(low) AS INT) + 1)", hi = "element_at(\(sorted), CAST(\(high) AS INT) + 1)"
                let fraction = "(\(position) - \(low))"
                return "CASE WHEN count(\(x)) = 0 THEN NULL WHEN \(low) = \(high) THEN \(lo) ELSE \(lo) * (\(d.float(1)) - \(fraction)) + \(hi) * \(fraction) END"
            default:
                return "quantile_cont(CAST(\(x) AS DOUBLE), \(d.float(p)))"
            }
        },
        // The value of most rows; of those as frequent, the first to appear.
        "mode": { d, i in
            guard let x = i.argument, i.type != .null else { return d.typedNull(i.type ?? .string) }
            let rank = d.name == .spark ? "named_struct('n', \(i.valueCount), 'o', -\(i.valueFirst))" : "[\(i.valueCount), -\(i.valueFirst)]"
            let pick = d.name == .spark ? "max_by" : "arg_max"
            return "\(pick)(\(x), \(rank)) FILTER (WHERE \(x) IS NOT NULL)"
        },
        "first": { d, i in try edge(d, i, last: false) },
        "last": { d, i in try edge(d, i, last: true) },
        "string_agg": { d, i in
            guard let x = i.argument, let type = i.type, type != .null, case .string(let separator)? = i.parameter else { return d.typedNull(.string) }
            let shown = text(x, type, d)
            switch d.name {
            case .spark:
                let pairs = "array_sort(collect_list(named_struct('o', \(i.order), 't', \(shown))) FILTER (WHERE \(x) IS NOT NULL))"
                return "CASE WHEN count(\(x)) = 0 THEN NULL ELSE array_join(transform(\(pairs), p -> p.t), \(d.string(separator))) END"
            default:
                return "string_agg(\(shown), \(d.string(separator)) ORDER BY \(i.order))"
            }
        },
    ]

    static func sortedVariance(_ x: String, _ d: SQLDialect, root: Bool) -> String {
        switch d.name {
        case .spark:
            let zero = d.float(0)
            let next = "a.m + (v - a.m) / (a.n + 1)"
            let variance = """
                aggregate(array_sort(collect_list(CAST(\(x) AS DOUBLE))), named_struct('n', \(zero), 'm', \(zero), 's', \(zero)), \
                (a, v) -> named_struct('n', a.n + 1, 'm', \(next), 's', a.s + (v - (\(next))) * (v - a.m)), \
                a -> CASE WHEN a.n < 2 THEN NULL ELSE a.s / (a.n - 1) END)
                """
            return root ? "sqrt(\(variance))" : variance
        default:
            return "list_\(root ? "stddev_samp" : "var_samp")(list_sort(list(CAST(\(x) AS DOUBLE)) FILTER (WHERE \(x) IS NOT NULL)))"
        }
    }

    /// The group's first or last row's value in row order, null included.
    static func edge(_ d: SQLDialect, _ i: AggregateInput, last: Bool) throws -> String {
        guard let x = i.argument, let type = i.type, type != .null else { return d.typedNull(i.type ?? .string) }
        switch d.name {
        case .spark:
            let rows = "array_sort(collect_list(named_struct('o', \(i.order), 'v', \(x))))"
            return "CASE WHEN count(*) = 0 THEN NULL ELSE element_at(\(rows), \(last ? -1 : 1)).v END"
        default:
            return "\(last ? "last" : "first")(\(x) ORDER BY \(i.order))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import SciEngine
import SciLanguage

/// The numbers a chart draws, taken from a table's columns: bars (a label
/// and a value each) or points (x, y), whatever the chart's kind.
public enum ChartData {
    public struct Bar: Equatable {
        public var label: String
        public var value: Double
        public var valueText: String
    }

    public struct Points {
        public var points: [(x: Double, y: Double)]
        /// How an x value prints (a date, a number).
        public var xText: (Double) -> String
        public var yName: String
        public var xName: String
    }

    /// One bar per row with a value; nulls left out.
    public static func bars(_ table: Table, label: Int, value: Int) -> [Bar] {
        let labels = table.columns[label], values = table.columns[value]
        var bars: [Bar] = []
        for row in 0..<table.rowCount where !values.isNull(row) {
            guard let number = values[row].asDouble else { continue }
            bars.append(Bar(label: labels.isNull(row) ? "NULL" : labels[row].description, value: number, valueText: values[row].description))
        }
        return bars
    }

    /// Counts of a number column's values in `bins` equal bins from its
    /// smallest to its largest value (the last bin includes the largest).
    public static func histogram(_ table: Table, column: Int, bins requested: Int?) -> [Bar] {
        let column = table.columns[column]
        let values = (0..<table.rowCount).compactMap { column.isNull($0) ? nil : column[$0].asDouble }
        guard let low = values.min(), let high = values.max() else { return [] }
        // Sturges' rule unless told.
        var bins = requested ?? max(1, min(20, Int(log2(Double(max(values.count, 1))).rounded(.up)) + 1))
        if high == low { bins = 1 }
        let width = high == low ? 1 : (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in values {
            let index = min(bins - 1, Int((value - low) / width))
            counts[max(0, index)] += 1
        }
        let digits = max(0, min(6, Int((-log10(width)).rounded(.up)) + 1))
        func edge(_ value: Double) -> String { Value.float(roundTo(value, digits)).description }
        return (0..<bins).map { bin in
            let from = low + Double(bin) * width, to = bin == bins - 1 ? high : low + Double(bin + 1) * width
            let label = "\(edge(from)) – \(edge(to))"
            return Bar(label: label, value: Double(counts[bin]), valueText: String(counts[bin]))
        }
    }

    static func roundTo(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// The rows' (x, y) points in x order; rows with a null left out.
    public static func points(_ table: Table, x: Int, y: Int) -> Points {
        let xs = table.columns[x], ys = table.columns[y]
        var points: [(x: Double, y: Double)] = []
        for row in 0..<table.rowCount where !xs.isNull(row) && !ys.isNull(row) {
            guard let yValue = ys[row].asDouble else { continue }
            let xValue: Double
            switch xs[row] {
            case .date(let date): xValue = Double(date.days)
            default: guard let number = xs[row].asDouble else { continue }; xValue = number
            }
            points.append((xValue, yValue))
        }
        points.sort { $0.x < $1.x }
        let isDate = xs.type == .date
        return Points(
            points: points,
            xText: { isDate ? CivilDate(days: Int32(clamping: Int($0.rounded()))).text(monthPrecision: false) : Value.float(roundTo($0, 2)).description },
            yName: table.fields[y].name, xName: table.fields[x].name
        )
    }
}

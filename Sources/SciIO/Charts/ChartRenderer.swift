import SciEngine
import SciLanguage

/// Charts drawn with Unicode block and braille characters, fitted to a
/// width, labels aligned by display width (Chinese takes two columns);
/// colour only when asked (a terminal without NO_COLOR).
public struct ChartRenderer {
    public var width: Int
    public var color: Bool

    public init(width: Int, color: Bool) {
        self.width = max(20, width)
        self.color = color
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Horizontal bars, one per label, scaled to the largest value.
    public func bars(_ bars: [ChartData.Bar], title: String) -> String {
        guard !bars.isEmpty else { return "\(title): nothing to draw\n" }
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, width / 3)
        let valueWidth = bars.map { DisplayWidth.of($0.valueText) }.max() ?? 0
        let room = max(4, width - labelWidth - valueWidth - 3)
        let largest = bars.map(\.value).max() ?? 0
        var text = title + "\n"
        for bar in bars {
            var label = DisplayWidth.prefix(bar.label, fitting: labelWidth)
            if label != bar.label, labelWidth > 1 { label = DisplayWidth.prefix(bar.label, fitting: labelWidth - 1) + "…" }
            let eighthsLong = largest > 0 && bar.value > 0 ? Int((bar.value / largest * Double(room * 8)).rounded()) : 0
            var drawn = String(repeating: "█", count: eighthsLong / 8) + Self.eighths[eighthsLong % 8]
            if eighthsLong == 0 && bar.value > 0 { drawn = "▏" }
            if color, !drawn.isEmpty { drawn = "\u{1B}[36m" + drawn + "\u{1B}[0m" }
            let pad = String(repeating: " ", count: max(0, labelWidth - DisplayWidth.of(label)))
            text += label + pad + " " + drawn + " " + bar.valueText + "\n"
        }
        return text
    }

    /// Y against X on a grid of braille dots (2 × 4 per character), with
    /// the extremes of both axes written beside it.
    public func line(_ data: ChartData.Points, height: Int = 12) -> String {
        let title = "\(data.yName) by \(data.xName)"
        guard let first = data.points.first, let last = data.points.last else { return "\(title): nothing to draw\n" }
        let ys = data.points.map(\.y)
        let low = ys.min() ?? 0, high = ys.max() ?? 0
        let lowText = Value.float(ChartData.roundTo(low, 4)).description, highText = Value.float(ChartData.roundTo(high, 4)).description
        let axisWidth = max(DisplayWidth.of(lowText), DisplayWidth.of(highText))
        let columns = max(8, width - axisWidth - 3)
        let dotsWide = columns * 2, dotsHigh = height * 4
        var grid = [[UInt8]](repeating: [UInt8](repeating: 0, count: columns), count: height)
        func dot(_ x: Int, _ y: Int) {
            guard x >= 0, x < dotsWide, y >= 0, y < dotsHigh else { return }
            let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            grid[y / 4][x / 2] |= bits[x % 2][y % 4]
        }
        func place(_ point: (x: Double, y: Double)) -> (Int, Int) {
            let spanX = last.x - first.x, spanY = high - low
            let x = spanX == 0 ? dotsWide / 2 : Int(((point.x - first.x) / spanX * Double(dotsWide - 1)).rounded())
            let y = spanY == 0 ? dotsHigh / 2 : Int(((high - point.y) / spanY * Double(dotsHigh - 1)).rounded())
            return (x, y)
        }
        var previous: (Int, Int)?
        for point in data.points {
            let (x, y) = place(point)
            if let (px, py) = previous {
                // Bresenham between consecutive points.
                var x0 = px, y0 = py
                let dx = abs(x - x0), dy = -abs(y - y0)
                let sx = x0 < x ? 1 : -1, sy = y0 < y ? 1 : -1
                var error = dx + dy
                while true {
                    dot(x0, y0)
                    if x0 == x && y0 == y { break }
                    let twice = 2 * error
                    if twice >= dy { error += dy; x0 += sx }
                    if twice <= dx { error += dx; y0 += sy }
                }
            } else {
                dot(x, y)
            }
            previous = (x, y)
        }
        var text = title + "\n"
        for (index, row) in grid.enumerated() {
            let axis = index == 0 ? highText : index == height - 1 ? lowText : ""
            var cells = String(String.UnicodeScalarView(row.map { Unicode.Scalar(0x2800 + UInt32($0)) ?? " " }))
            if color { cells = "\u{1B}[36m" + cells + "\u{1B}[0m" }
            text += String(repeating: " ", count: axisWidth - DisplayWidth.of(axis)) + axis + " ┤" + cells + "\n"
        }
        let left = data.xText(first.x), right = data.xText(last.x)
        let gap = max(1, columns - DisplayWidth.of(left) - DisplayWidth.of(right))
        text += String(repeating: " ", count: axisWidth + 2) + left + String(repeating: " ", count: gap) + right + "\n"
        return text
    }
}

import SciEngine

/// The same charts as SVG files: bars as rectangles, a line as a polyline,
/// text escaped for XML.
public enum ChartSVG {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public static func bars(_ bars: [ChartData.Bar], title: String) -> String {
        let rowHeight = 24.0, labelWidth = 200.0, barWidth = 480.0, top = 40.0
        let height = top + Double(bars.count) * rowHeight + 20
        let largest = bars.map(\.value).max() ?? 0
        var svg = header(width: 800, height: height, title: title)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let length = largest > 0 && bar.value > 0 ? bar.value / largest * barWidth : 0
            svg += "  <text x=\"\(number(labelWidth - 8))\" y=\"\(number(y + 16))\" text-anchor=\"end\">\(escape(bar.label))</text>\n"
            svg += "  <rect x=\"\(number(labelWidth))\" y=\"\(number(y + 4))\" width=\"\(number(length))\" height=\"\(number(rowHeight - 8))\" fill=\"#2a9d8f\"/>\n"
            svg += "  <text x=\"\(number(labelWidth + length + 6))\" y=\"\(number(y + 16))\">\(escape(bar.valueText))</text>\n"
        }
        return svg + "</svg>\n"
    }

    public static func line(_ data: ChartData.Points) -> String {
        let width = 800.0, height = 400.0, left = 80.0, right = 20.0, top = 40.0, bottom = 40.0
        var svg = header(width: width, height: height, title: "\(data.yName) by \(data.xName)")
        guard let first = data.points.first, let last = data.points.last else { return svg + "</svg>\n" }
        let ys = data.points.map(\.y)
        let low = ys.min() ?? 0, high = ys.max() ?? 0
        let points = data.points.map { point -> String in
            let x = last.x == first.x ? width / 2 : left + (point.x - first.x) / (last.x - first.x) * (width - left - right)
            let y = high == low ? height / 2 : top + (high - point.y) / (high - low) * (height - top - bottom)
            return "\(number(x)),\(number(y))"
        }
        svg += "  <polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#2a9d8f\" stroke-width=\"2\"/>\n"
        svg += "  <text x=\"\(number(left - 6))\" y=\"\(number(top + 4))\" text-anchor=\"end\">\(escape(ChartData.Points.text(high)))</text>\n"
        svg += "  <text x=\"\(number(left - 6))\" y=\"\(number(height - bottom))\" text-anchor=\"end\">\(escape(ChartData.Points.text(low)))</text>\n"
        svg += "  <text x=\"\(number(left))\" y=\"\(number(height - 12))\">\(escape(data.xText(first.x)))</text>\n"
        svg += "  <text x=\"\(number(width - right))\" y=\"\(number(height - 12))\" text-anchor=\"end\">\(escape(data.xText(last.x)))</text>\n"
        return svg + "</svg>\n"
    }

    static func header(width: Double, height: Double, title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" viewBox="0 0 \(number(width)) \(number(height))" font-family="sans-serif" font-size="13">
          <text x="10" y="22" font-size="15" font-weight="bold">\(escape(title))</text>

        """
    }
}

extension ChartData.Points {
    static func text(_ value: Double) -> String {
        Value.float(ChartData.roundTo(value, 4)).description
    }
}

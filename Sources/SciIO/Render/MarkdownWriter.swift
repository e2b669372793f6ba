import SciEngine

/// A GitHub-flavoured Markdown table; numbers right-aligned, `|` escaped,
/// line breaks as <br>.
struct MarkdownWriter {
    let options: OutputOptions

    func write(_ table: Table, into buffer: inout OutputBuffer) throws {
        func cell(_ text: String) -> String {
            text.replacingAll("|", with: "\\|").replacingAll("\r\n", with: "<br>").replacingAll("\n", with: "<br>")
        }
        try buffer.append("| " + table.columnNames.map(cell).joined(separator: " | ") + " |\n")
        try buffer.append("|" + table.columns.map { $0.type.isNumeric ? "---:|" : "---|" }.joined() + "\n")
        for row in 0..<table.rowCount {
            try buffer.append("| " + table.columns.map { cell($0[row].description) }.joined(separator: " | ") + " |\n")
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    /// Splits on a separator string (the standard library has no such method
    /// without Foundation).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var current = Substring(self)
        while let range = current.firstRange(of: separator) {
            parts.append(String(current[..<range.lowerBound]))
            current = current[range.upperBound...]
        }
        parts.append(String(current))
        return parts
    }
}

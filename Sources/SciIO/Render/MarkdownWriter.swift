import SciEngine

/// A GitHub-flavoured Markdown table; numbers right-aligned, `|` escaped,
/// line breaks as <br>.
struct MarkdownWriter {
    let options: OutputOptions

    func write(_ table: Table, into buffer: inout OutputBuffer) throws {
        try buffer.append("| " + table.columnNames.map(Self.cell).joined(separator: " | ") + " |\n")
        try buffer.append("|" + table.columns.map { $0.type.isNumeric ? "---:|" : "---|" }.joined() + "\n")
        for row in 0..<table.rowCount {
            try buffer.append("| " + table.columns.map { Self.cell($0[row].description) }.joined(separator: " | ") + " |\n")
        }
    }

    /// One cell's text with `|` escaped and every line break (`\r\n`, `\n`
    /// and a lone `\r`, all of which end a line in CommonMark) as `<br>`.
    /// Byte by byte: these are ASCII, which never occurs inside a UTF-8
    /// sequence, and most cells have none of them.
    static func cell(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: "|") || $0 == 10 || $0 == 13 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var afterCR = false
        for byte in bytes {
            defer { afterCR = byte == 13 }
            switch byte {
            case UInt8(ascii: "|"): out += [UInt8(ascii: "\\"), byte]
            case 13: out.append(contentsOf: "<br>".utf8)
            case 10 where afterCR: break
            case 10: out.append(contentsOf: "<br>".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

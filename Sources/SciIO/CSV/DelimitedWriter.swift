import SciEngine

/// CSV and TSV as RFC 4180 describes: a header row, fields quoted when they
/// hold the delimiter, a quote, a line break, or leading or trailing space,
/// with quotes doubled inside. The Excel flavour adds a byte-order mark,
/// CRLF line ends, and a `'` before any text that a spreadsheet would run
/// as a formula (=, +, -, @, tab, carriage return). Numbers stay numbers.
struct DelimitedWriter {
    let delimiter: UInt8
    let options: OutputOptions
    /// A later part of one file (see TableParts): no byte-order mark or header again.
    var continuing = false

    func write(_ table: Table, into buffer: inout OutputBuffer) throws {
        let lineEnd = options.excel ? "\r\n" : "\n"
        if options.excel, !continuing { try buffer.append("\u{FEFF}") }
        if options.headers, !continuing {
            try buffer.append(table.columnNames.map { field($0, isText: true) }.joined(separator: String(UnicodeScalar(delimiter))) + lineEnd)
        }
        let separator = String(UnicodeScalar(delimiter))
        // Text columns: quote each distinct string once. A plain list holds
        // a string per row: each is quoted as its row is written.
        let columns = table.columns.map { $0.compacted() }
        let encoded: [[String]?] = try columns.map { column in
            guard case .string(_, let dictionary) = column.storage, dictionary.isUnique else { return nil }
            return try dictionary.mapCheckingCancellation { field($0, isText: true) }
        }
        for row in 0..<table.rowCount {
            if row & 0xFFF == 0xFFF { options.progress?.advance(0x1000) }
            var line = ""
            for (index, column) in columns.enumerated() {
                if index > 0 { line += separator }
                if column.isNull(row) { continue }
                if case .string(let codes, let dictionary) = column.storage {
                    line += encoded[index].map { $0[Int(codes[row])] } ?? field(dictionary.string(Int(codes[row])), isText: true)
                } else {
                    line += field(column[row].exportText, isText: false)
                }
            }
            try buffer.append(line + lineEnd)
        }
    }

    func field(_ text: String, isText: Bool) -> String {
        var value = text
        if options.excel, isText, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
            || value.utf8.first == 32 || value.utf8.last == 32
            || (isText && value.isEmpty)
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}

import SciEngine
import SciLanguage

/// Draws a table with box-drawing characters, aligned by display width (a
/// Chinese character takes two columns, a combining mark none), numbers
/// right-aligned, null shown as a dimmed NULL, and a row-count footer.
/// A table wider than the terminal is fitted: the widest columns give up
/// width first and show "…" where they were cut; if even that is not enough,
/// columns at the right are left out and the footer names them.
struct TableRenderer {
    let options: OutputOptions

    static let nullText = "NULL"
    static let ellipsis = "…"
    /// Columns are not narrowed below this (or their own width): a table
    /// shows fewer, readable columns rather than many cut to a letter.
    static let minimumColumnWidth = 8

    func render(_ table: Table, into buffer: inout OutputBuffer) throws {
        let totalRows = table.rowCount
        var shownRows = Array(0..<totalRows)
        var hiddenRows = 0..<0
        if let maxRows = options.maxRows, totalRows > maxRows {
            // Show the head and the tail, like DuckDB, with a marker between.
            let head = maxRows / 2, tail = maxRows - head
            shownRows = Array(0..<head) + Array((totalRows - tail)..<totalRows)
            hiddenRows = head..<(totalRows - tail)
        }
        let headers = table.columnNames
        // Every row's text is made before the first line is written (the
        // widths need them all): Ctrl-C is looked at while they are.
        var widths = headers.map { max(DisplayWidth.of($0), 1) }
        let cells: [[String]] = try table.columns.indices.map { index in
            let column = table.columns[index]
            var texts: [String] = []
            texts.reserveCapacity(shownRows.count)
            for (position, row) in shownRows.enumerated() {
                try Cancellation.check(row: position)
                let text = column.isNull(row) ? Self.nullText : Self.visible(column[row].description)
                widths[index] = max(widths[index], DisplayWidth.of(text))
                texts.append(text)
            }
            return texts
        }
        let numeric = table.columns.map { $0.type.isNumeric }
        var shownColumns = headers.count
        if let limit = options.width {
            (widths, shownColumns) = Self.fit(widths, to: limit)
        }
        let columns = Array(0..<shownColumns)
        let droppedColumns = Array(headers[shownColumns...])
        let dim = options.color ? "\u{1B}[2m" : ""
        let bold = options.color ? "\u{1B}[1m" : ""
        let reset = options.color ? "\u{1B}[0m" : ""
        let moreMarker = droppedColumns.isEmpty ? "" : "…"

        func border(_ left: StaticString, _ middle: StaticString, _ right: StaticString) throws {
            buffer.append(repeating: left, count: 1)
            for (k, index) in columns.enumerated() {
                if k > 0 { buffer.append(repeating: middle, count: 1) }
                buffer.append(repeating: "─", count: widths[index] + 2)
            }
            if !droppedColumns.isEmpty {
                buffer.append(repeating: middle, count: 1)
                buffer.append(repeating: "─", count: 2)
            }
            buffer.append(repeating: right, count: 1)
            try buffer.endLine()
        }
        func line(_ texts: [String], styles: [String], alignRight: [Bool]) throws {
            buffer.append(repeating: "│", count: 1)
            for (k, index) in columns.enumerated() {
                let text = Self.clip(texts[k], to: widths[index])
                let pad = max(0, widths[index] - DisplayWidth.of(text))
                buffer.append(repeating: " ", count: 1)
                if alignRight[k] { buffer.append(repeating: " ", count: pad) }
                if styles[k].isEmpty {
                    buffer.appendInLine(text)
                } else {
                    buffer.appendInLine(styles[k])
                    buffer.appendInLine(text)
                    buffer.appendInLine(reset)
                }
                if !alignRight[k] { buffer.append(repeating: " ", count: pad) }
                buffer.append(repeating: " │", count: 1)
            }
            if !droppedColumns.isEmpty { buffer.appendInLine(moreMarker + " │") }
            try buffer.endLine()
        }

        if columns.isEmpty {
            try buffer.append("(\(totalRows) row\(totalRows == 1 ? "" : "s"), \(headers.count) columns too wide to show)\n")
            return
        }
        try border("┌", "┬", "┐")
        try line(columns.map { headers[$0] }, styles: columns.map { _ in bold }, alignRight: columns.map { _ in false })
        try border("├", "┼", "┤")
        for (position, row) in shownRows.enumerated() {
            if !hiddenRows.isEmpty, row == hiddenRows.upperBound {
                try line(columns.map { _ in "⋮" }, styles: columns.map { _ in dim }, alignRight: columns.map { _ in false })
            }
            let texts = columns.map { cells[$0][position] }
            let styles = columns.map { table.columns[$0].isNull(row) ? dim : "" }
            try line(texts, styles: styles, alignRight: columns.map { numeric[$0] })
        }
        try border("└", "┴", "┘")
        var footer = "\(totalRows) row\(totalRows == 1 ? "" : "s")"
        if !hiddenRows.isEmpty { footer += " (\(shownRows.count) shown)" }
        if !droppedColumns.isEmpty {
            footer += "; \(droppedColumns.count) more column\(droppedColumns.count == 1 ? "" : "s") not shown: "
            footer += Self.namesOnOneLine(droppedColumns, after: footer, width: options.width)
        }
        try buffer.append(dim + footer + reset + "\n")
    }

    /// Narrows the widest columns until the table fits `limit` display
    /// columns; returns the widths and how many columns are shown.
    static func fit(_ natural: [Int], to limit: Int) -> ([Int], Int) {
        var widths = natural
        func total(_ count: Int, dropped: Bool) -> Int {
            widths.prefix(count).reduce(0, +) + 3 * count + 1 + (dropped ? 3 : 0)
        }
        var shown = widths.count
        while total(shown, dropped: shown < natural.count) > limit {
            // Shrink the widest column that can still shrink.
            if let widest = (0..<shown).filter({ widths[$0] > min(natural[$0], minimumColumnWidth) }).max(by: { widths[$0] < widths[$1] }) {
                let excess = total(shown, dropped: shown < natural.count) - limit
                let others = (0..<shown).filter { $0 != widest }.map { widths[$0] }.max() ?? minimumColumnWidth
                let target = max(min(natural[widest], minimumColumnWidth), max(others, widths[widest] - excess))
                widths[widest] = target == widths[widest] ? widths[widest] - 1 : target
            } else if shown > 1 {
                shown -= 1
            } else {
                widths[0] = max(1, limit - 4)
                break
            }
        }
        return (widths, shown)
    }

    /// Cuts text to `width` display columns, ending it with "…" when cut.
    static func clip(_ text: String, to width: Int) -> String {
        if DisplayWidth.of(text) <= width { return text }
        return DisplayWidth.prefix(text, fitting: max(0, width - 1)) + ellipsis
    }

    /// Line breaks and tabs would break the grid: show them as ↵ and →.
    static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 32 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append("↵")
            case "\r": continue
            case "\t": out.append("→")
            default: if scalar.value >= 32 { out.append(scalar) }
            }
        }
        return String(out)
    }
}

import SciEngine
import SciLanguage

/// A table as an Excel workbook (.xlsx, Office Open XML): one sheet, numbers
/// as numbers, dates as dates (shown as the article writes them), text as
/// inline strings (never a formula), a bold header row that stays in view,
/// and columns as wide as their content (Chinese counts double).
public enum XLSXWriter {
    public static func workbook(_ table: Table, headers: Bool) throws -> [UInt8] {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookXML),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet(table, headers: headers)),
        ]
        var archive = ZipArchive()
        for (path, text) in parts { archive.add(path, Array(text.utf8)) }
        do {
            return try archive.finished()
        } catch {
            throw Diagnostic(message: "the workbook would be larger than 4 GB, more than a .xlsx file can hold; export it as CSV")
        }
    }

    // MARK: - The sheet

    /// Style indexes in styles.xml's cellXfs.
    enum Style: Int { case plain = 0, header = 1, day = 2, month = 3, moment = 4 }

    static func sheet(_ table: Table, headers: Bool) -> String {
        let columnCount = table.columns.count
        var widths = table.fields.map { headers ? DisplayWidth.of($0.name) : 0 }
        var rows = ""
        rows.reserveCapacity(table.rowCount * max(1, columnCount) * 24)
        var rowNumber = 0
        if headers {
            rowNumber += 1
            rows += "<row r=\"1\">"
            for (index, field) in table.fields.enumerated() {
                rows += inlineString(field.name, reference: reference(index, rowNumber), style: .header)
            }
            rows += "</row>"
        }
        for row in 0..<table.rowCount {
            rowNumber += 1
            rows += "<row r=\"\(rowNumber)\">"
            for column in 0..<columnCount {
                let value = table.columns[column][row]
                let cellReference = reference(column, rowNumber)
                let (cell, width) = self.cell(value, reference: cellReference)
                rows += cell
                widths[column] = max(widths[column], width)
            }
            rows += "</row>"
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if headers && columnCount > 0 {
            xml += #"<sheetViews><sheetView workbookViewId="0" tabSelected="1"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#
        }
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columnCount > 0 {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                // Character widths, plus a little room for the filter button
                // and padding; very long text wraps at 80.
                let fitted = min(80, max(6, width + 2))
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>" + rows + "</sheetData></worksheet>"
        return xml
    }

    /// One cell's XML, and how wide its content shows.
    static func cell(_ value: Value, reference: String) -> (String, Int) {
        switch value {
        case .null:
            return ("", 0)
        case .bool(let b):
            return ("<c r=\"\(reference)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>", 5)
        case .integer(let i):
            // Excel keeps 15 significant digits; a longer integer (an ID)
            // stays exact as text.
            if i.magnitude > 999_999_999_999_999 { return (inlineString(String(i), reference: reference, style: .plain), String(i).count) }
            return ("<c r=\"\(reference)\"><v>\(i)</v></c>", String(i).count)
        case .decimal(let d):
            // Excel keeps 15 significant digits; a longer decimal stays exact as text.
            let text = d.description
            if String(d.normalized.units.magnitude).count > 15 { return (inlineString(text, reference: reference, style: .plain), text.count) }
            return ("<c r=\"\(reference)\"><v>\(text)</v></c>", min(text.count, 12))
        case .float(let d):
            guard d.isFinite else { return ("", 0) }
            let text = DecimalFormat.shortest(d)
            return ("<c r=\"\(reference)\"><v>\(text)</v></c>", min(text.count, 12))
        case .string(let s):
            return (inlineString(s, reference: reference, style: .plain), DisplayWidth.of(s))
        case .date(let date):
            // Excel counts days from 1899-12-30; scicity from 1970-01-01.
            let serial = Int(date.days) + 25_569
            let style: Style = date.isMonthPrecision ? .month : .day
            return ("<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(serial)</v></c>", date.isMonthPrecision ? 7 : 10)
        case .timestamp(let t):
            // A date-time serial: days since 1899-12-30 and the fraction of the day.
            let serial = Double(t.days + 25_569) + Double(t.secondOfDay) / 86_400
            return ("<c r=\"\(reference)\" s=\"\(Style.moment.rawValue)\"><v>\(serial)</v></c>", 19)
        }
    }

    static func inlineString(_ text: String, reference: String, style: Style) -> String {
        let styled = style == .plain ? "" : " s=\"\(style.rawValue)\""
        return "<c r=\"\(reference)\" t=\"inlineStr\"\(styled)><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>"
    }

    /// A1-style reference: column letters and row number.
    static func reference(_ column: Int, _ row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }

    /// XML text: the five special characters escaped; characters XML 1.0
    /// cannot hold (most control characters) become U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    // MARK: - The fixed parts of the package

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
    </Types>
    """

    static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    </Relationships>
    """

    static let workbookXML = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>\
    </workbook>
    """

    static let workbookRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    </Relationships>
    """

    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm"/><numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="5">\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    </cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    </styleSheet>
    """
}

import Foundation
import Testing

/// `export "F.xlsx"` and `--mode xlsx` write a real workbook: LibreOffice
/// (headless) opens it and every cell has scicity's value and type — text
/// as text (a formula never runs), numbers as numbers, dates as dates.
@Suite(.serialized) struct XLSXTests {
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let queries = [
        "metrics",
        "events",
        "entities",
        "people",
        #"entities | take 6 | derive eq = "=SUM(A1)", plus = "+1", lines = "one\ntwo", amp = "a & <b>", n = -5, half = 0.5, third = 1 / 3.0, nothing = null"#,
        "metrics | derive big = value > 1000, share = value / 7.0 | select metric, value, big, share, as_of",
    ]

    /// Checks one LibreOffice CSV (text quoted, numbers and dates not)
    /// against scicity's JSON values and column types.
    static let checker = #"""
    import json, sys, math
    def parse(text):
        rows, row, field, quoted, i = [], [], "", False, 0
        while i < len(text):
            c = text[i]
            if c == '"' and field == "" and not quoted:
                quoted = True; i += 1
                while True:
                    if text[i] == '"':
                        if i + 1 < len(text) and text[i + 1] == '"': field += '"'; i += 2; continue
                        i += 1; break
                    field += text[i]; i += 1
                continue
            if c == ',': row.append((field, quoted)); field, quoted = "", False
            elif c == '\n': row.append((field, quoted)); rows.append(row); row, field, quoted = [], "", False
            else: field += c
            i += 1
        if field or row: row.append((field, quoted)); rows.append(row)
        return rows
    office = parse(open(sys.argv[1], encoding="utf-8").read())
    objects = json.load(open(sys.argv[2], encoding="utf-8"))
    types = dict(line.split(",")[:2] for line in open(sys.argv[3], encoding="utf-8").read().splitlines()[1:])
    header = [name for name, _ in office[0]]
    assert header == list(objects[0].keys()), (header, list(objects[0].keys()))
    assert all(quoted for _, quoted in office[0])
    assert len(office) - 1 == len(objects), (len(office), len(objects))
    cells = 0
    for row, obj in zip(office[1:], objects):
        assert len(row) == len(header), row
        for key, (text, quoted) in zip(header, row):
            v, t = obj[key], types[key]
            where = (key, text, quoted, v, t)
            if v is None: assert text == "" and not quoted, where
            elif t == "bool": assert text == ("TRUE" if v else "FALSE") and not quoted, where
            elif t == "integer": assert not quoted and int(text) == v, where
            elif t == "decimal" or t == "float": assert not quoted and math.isclose(float(text), v, rel_tol=1e-9), where
            elif t == "date": assert not quoted and text == v, where
            else: assert quoted and text == v, where
            cells += 1
    print("ok", cells)
    """#

    @Test func libreOfficeReadsEveryCellWithItsValueAndType() throws {
        #expect(Self.soffice != nil, "LibreOffice is needed for the workbook tests: scripts/setup installs it")
        guard let soffice = Self.soffice else { return }
        let folder = try Binary.temporaryDirectory()
        var books: [String] = []
        for (index, query) in Self.queries.enumerated() {
            let book = folder.appendingPathComponent("t\(index).xlsx").path
            let made = try Binary.run(["-c", "\(query) | export \"\(book)\""])
            #expect(made.status == 0, "\(made.errors)")
            books.append(book)
            let json = try Binary.run(["--json", "-c", query])
            try json.output.write(to: folder.appendingPathComponent("t\(index).json"))
            let schema = try Binary.run(["--csv", "-c", "let t = \(query)", "-c", ".schema t"])
            try schema.output.write(to: folder.appendingPathComponent("t\(index).types"))
        }
        // The terminal-less mode writes the same workbook to standard output.
        let piped = try Binary.run(["--mode", "xlsx", "-c", Self.queries[1]])
        #expect(piped.status == 0)
        #expect(piped.output.prefix(2) == Data("PK".utf8))
        try piped.output.write(to: folder.appendingPathComponent("piped.xlsx"))
        books.append(folder.appendingPathComponent("piped.xlsx").path)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("t1.json"), to: folder.appendingPathComponent("piped.json"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("t1.types"), to: folder.appendingPathComponent("piped.types"))

        let profile = folder.appendingPathComponent("profile").path
        let quoted = books.map { "'\($0)'" }.joined(separator: " ")
        let convert = try Binary.shell("cd '\(folder.path)' && '\(soffice)' -env:UserInstallation=file://\(profile) --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true' --outdir out \(quoted)")
        #expect(convert.status == 0, "\(convert.errors)")
        for book in books {
            let base = URL(fileURLWithPath: book).deletingPathExtension().lastPathComponent
            let csv = folder.appendingPathComponent("out/\(base).csv").path
            let check = try Binary.shell("python3 -c '\(Self.checker.replacingOccurrences(of: "'", with: "'\\''"))' '\(csv)' '\(folder.path)/\(base).json' '\(folder.path)/\(base).types'")
            #expect(check.status == 0, "\(base): \(check.errors)")
            #expect(check.text.hasPrefix("ok "), "\(base): \(check.text)")
        }
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func theHeaderIsBoldAndFrozenAndColumnsFitTheirContent() throws {
        let folder = try Binary.temporaryDirectory()
        let book = folder.appendingPathComponent("e.xlsx").path
        let made = try Binary.run(["-c", "entities | export \"\(book)\""])
        #expect(made.status == 0, "\(made.errors)")
        let inspect = #"""
        import zipfile, re, sys, unicodedata
        z = zipfile.ZipFile(sys.argv[1])
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        assert 'state="frozen"' in sheet and 'ySplit="1"' in sheet
        assert "<f>" not in sheet
        header = re.search(r'<row r="1">(.*?)</row>', sheet).group(1)
        assert all(s == "1" for s in re.findall(r'<c r="[A-Z]+1"[^>]* s="(\d+)"', header)) and header.count("<c ") == 8
        xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs")[1])
        assert 'fontId="1"' in xfs[1]
        assert "<b/>" in re.findall(r"<font>.*?</font>", styles)[1]
        width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
        names = re.findall(r'<c r="B\d+" t="inlineStr"><is><t xml:space="preserve">(.*?)</t>', sheet)
        cols = dict((int(a), float(w)) for a, w in re.findall(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', sheet))
        assert cols[2] == min(80, max(width(n) for n in names) + 2), (cols[2], max(width(n) for n in names))
        assert cols[1] < cols[2]
        print("ok")
        """#
        let check = try Binary.shell("python3 -c '\(inspect.replacingOccurrences(of: "'", with: "'\\''"))' '\(book)'")
        #expect(check.text == "ok\n", "\(check.errors)")
    }

    @Test func anEmptyExportNameIsAClearError() throws {
        let result = try Binary.run(["-c", #"people | export """#])
        #expect(result.status == 1)
        #expect(result.errors.contains(#"error: export needs a file name, as in export "result.csv""#), "\(result.errors)")
    }

    @Test func excelAloneMeansTheSpreadsheetCSV() throws {
        let result = try Binary.run(["--excel", "-c", "people | select id, name | take 1"])
        #expect(result.status == 0)
        #expect(result.output == Data("\u{FEFF}id,name\r\nbian_xiuwu,卞修武\r\n".utf8))
    }
}

import SciEngine
import SciIO
import SciLanguage
import Testing

@Suite struct CSVReaderTests {
    func read(_ text: String, _ options: CSVReader.Options = .init()) throws -> Table {
        try CSVReader(fileName: "t.csv", options: options).read(Array(text.utf8)).0
    }

    func cells(_ table: Table) -> [[String]] {
        (0..<table.rowCount).map { row in table.columns.map { $0.isNull(row) ? "∅" : $0[row].description } }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let table = try read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",\"\"\n")
        #expect(cells(table) == [["x, y", "say \"hi\""], ["line\nbreak", ""]])
    }

    @Test func crlfBomAndAMissingFinalLineEnd() throws {
        let table = try read("\u{FEFF}id,name\r\n1,金凤\r\n2,深圳湾")
        #expect(table.columnNames == ["id", "name"])
        #expect(cells(table) == [["1", "金凤"], ["2", "深圳湾"]])
    }

    @Test func emptyFieldsAreNullButAnEmptyQuotedStringIsText() throws {
        let table = try read("a,b\n,\"\"\n1,x\n")
        #expect(table.columns[0].isNull(0))
        #expect(table.columns[1].isNull(0) == false)
    }

    @Test func sniffsTabsAndSemicolons() throws {
        #expect(try read("a\tb\n1\t2\n").columnNames == ["a", "b"])
        #expect(try read("a;b\n1,5;2\n").columnNames == ["a", "b"])
    }

    /// A tie goes to the comma, then the tab, the same in every read (the
    /// differential fuzzer found a tab and a semicolon read either way).
    @Test func aTieBetweenDelimitersIsAlwaysBrokenTheSameWay() throws {
        for _ in 0..<50 {
            #expect(try read("\t;\n").columnNames == ["column_1", ";"])
            #expect(try read("a,b;c\tx\n").columnNames == ["a", "b;c\tx"])
            #expect(try read("a\tb;c\n").columnNames == ["a", "b;c"])
        }
    }

    @Test func infersTypes() throws {
        let table = try read("i,d,dt,m,b,s,z,mixed,idz\n1,1.5,2023-03-27,2022-06,true,x,,1,007\n-2,3,2023-01-01,2023-01,FALSE,y,,a,010\n")
        #expect(table.columns.map(\.type) == [.integer, .decimal, .date, .date, .bool, .string, .string, .string, .string])
        // Mixed values fall back to text without losing one.
        #expect(cells(table).map { $0[7] } == ["1", "a"])
        #expect(cells(table).map { $0[8] } == ["007", "010"])
    }

    @Test func forcedTypesAndNoInference() throws {
        var options = CSVReader.Options()
        options.forcedTypes = ["i": .string, "d": .decimal]
        let table = try read("i,d\n1,2\n", options)
        #expect(table.columns.map(\.type) == [.string, .decimal])
        options = CSVReader.Options()
        options.inferTypes = false
        #expect(try read("i,d\n1,2\n", options).columns.map(\.type) == [.string, .string])
    }

    @Test func blankAndRepeatedHeaderNamesAreMadeUnique() throws {
        #expect(try read("a,,a\n1,2,3\n").columnNames == ["a", "column_2", "a_2"])
    }

    @Test func lenientModeReplacesInvalidUTF8AndReports() throws {
        var options = CSVReader.Options()
        options.lenient = true
        let bytes = Array("a\nok\n".utf8) + [0xFF] + Array("x\n".utf8)
        let (table, report) = try CSVReader(fileName: "t.csv", options: options).read(bytes)
        #expect(report.replacedInvalidSequences == 1)
        #expect(report.firstInvalidLine == 3)
        #expect(table.columns[0][1] == .string("\u{FFFD}x"))
    }

    @Test func aProjectionChecksTheTextItReadsField_byField() throws {
        let bytes = Array("a,b,n\nok,fine,1\nx".utf8) + [0xFF] + Array(",y,2\n".utf8)
        var options = CSVReader.Options()
        options.columns = ["a", "n"]
        do {
            _ = try CSVReader(fileName: "t.csv", options: options).read(bytes)
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.rendered() == "t.csv:3:2: error: invalid UTF-8 (byte 0xFF)")
        }
        // A column the pipeline never reads is not checked (nor built).
        options.columns = ["b", "n"]
        let table = try CSVReader(fileName: "t.csv", options: options).read(bytes).0
        #expect(table.columnNames == ["b", "n"])
        #expect(table.rowCount == 2)
    }

    @Test func decimalsParseExactly() throws {
        let table = try read("v\n0.1\n123456.789\n-0.5\n1.5e3\n")
        #expect(table.columns[0].doublesForTest == [0.1, 123456.789, -0.5, 1500])
    }

    /// Files over a few megabytes are read a chunk per core: quoted line
    /// breaks near the cut, dictionaries of different chunks, and error lines
    /// must all come out as from one pass.
    @Test func largeFilesReadInChunksGiveTheSameTable() throws {
        var text = "id,name,note\n"
        let rows = 250_000
        for i in 0..<rows {
            text += i % 1000 == 0 ? "\(i),城\(i % 7),\"two\nlines, \"\"quoted\"\"\"\n" : "\(i),城\(i % 7),plain \(i % 13)\n"
        }
        #expect(text.utf8.count > 4 << 20)
        let table = try read(text)
        #expect(table.rowCount == rows)
        #expect(table.columns.map(\.type) == [.integer, .string, .string])
        for row in [0, 1, 124_999, 125_000, 125_001, rows - 1] {
            #expect(table[row, 0] == .integer(Int64(row)))
            #expect(table[row, 1] == .string("城\(row % 7)"))
            #expect(table[row, 2] == .string(row % 1000 == 0 ? "two\nlines, \"quoted\"" : "plain \(row % 13)"))
        }
        // An error deep in the file names its own line.
        let broken = text + "1,2\n"
        do {
            _ = try read(broken)
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location?.line == rows + rows / 1000 + 2)
        }
    }

    /// The corpus of broken files in Tests/SciIOTests/Malformed: each gives
    /// its expected error, never a crash.
    @Test func malformedFilesGiveTheirExpectedErrors() throws {
        let folder = String(#filePath.dropLast("CSVReaderTests.swift".count)) + "Malformed/"
        let manifest = try String(decoding: FileSystem.read(folder + "expected-errors.txt"), as: UTF8.self)
        var checked = 0
        for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters() }
            let file = parts[0]
            var options = CSVReader.Options()
            let words = parts[1].split(separator: " ").map(String.init)
            if words.first == "--type", words.count == 2, let eq = words[1].firstIndex(of: "=") {
                options.forcedTypes[String(words[1][..<eq])] = ValueType(rawValue: String(words[1][words[1].index(after: eq)...]))
            }
            do {
                _ = try CSVReader(fileName: file, options: options).read(try FileSystem.read(folder + file))
                Issue.record("\(file) read without an error")
            } catch let diagnostic as Diagnostic {
                #expect(diagnostic.rendered() == parts[2], "\(file)")
            }
            checked += 1
        }
        #expect(checked == 7)
    }
}

extension Column {
    var doublesForTest: [Double] {
        if case .decimal = storage { return doubles ?? [] }
        if case .float(let v) = storage { return v }
        return []
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Numbers in files: decimals exact at the most places any field has,
/// floats where an exponent or more than 18 digits need them.
@Suite struct CSVNumberTypeTests {
    func read(_ text: String) throws -> Table {
        try CSVReader(fileName: "n.csv").read(Array(text.utf8)).0
    }

    @Test func decimalsTakeTheMostPlacesAnyFieldHas() throws {
        let table = try read("a\n1.5\n2.25\n-3\n\n0.001\n")
        let column = table.columns[0]
        #expect(column.type == .decimal)
        #expect(column.scale == 3)
        #expect((0..<5).map { column[$0].description } == ["1.5", "2.25", "-3", "", "0.001"])
    }

    @Test func exponentsAndTooManyDigitsMakeFloats() throws {
        #expect(try read("a\n1e3\n2\n").columns[0].type == .float)
        #expect(try read("a\n0.1234567890123456789\n").columns[0].type == .float)
        // 12 whole digits and 7 places: 19 in all, more than a decimal holds.
        #expect(try read("a\n123456789012.1234567\n1\n").columns[0].type == .float)
        #expect(try read("a\n12345678901.1234567\n1\n").columns[0].type == .decimal)
    }

    @Test func aNumberPastTheFloatRangeIsAPositionedError() {
        do {
            _ = try read("name,a\n重庆,1.5e3\n科学城,1e400\n")
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains("1e400"))
            #expect(diagnostic.message.contains("out of range"))
            #expect(diagnostic.location?.line == 3)
            #expect(diagnostic.location?.column == 5)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func jsonNumbersAreDecimalsOrFloatsLikewise() throws {
        let table = try JSONReader(fileName: "n.json").read(Array(#"[{"a":0.1,"b":1e3,"c":1},{"a":0.25,"b":2,"c":null}]"#.utf8))
        #expect(table.columns.map(\.type) == [.decimal, .float, .integer])
        #expect(table.columns[0][1] == .decimal(ExactDecimal(units: 25, scale: 2)))
    }
}

/// A file large enough to be read in parallel chunks whose pages are given
/// back: an error of the second pass still names the file's own line, with
/// the lines inside quoted fields and CRLF endings of earlier chunks counted.
@Suite struct ChunkedErrorLineTests {
    @Test func anErrorLateInALargeFileNamesItsLine() throws {
        var text = "n,note\r\n"
        let rows = 300_000, bad = 250_000
        for row in 0..<rows {
            let n = row == bad ? "oops" : String(row)
            text += row % 3 == 0 ? "\(n),\"two\nlines\"\r\n" : "\(n),plain\r\n"
        }
        #expect(text.utf8.count > 4 << 20)
        let badStart = text.range(of: "\noops,")!.lowerBound
        let expectedLine = text[..<badStart].utf8.filter { $0 == 10 }.count + 2
        var options = CSVReader.Options()
        options.forcedTypes = ["n": .integer]
        do {
            _ = try CSVReader(fileName: "big.csv", options: options).read(Array(text.utf8))
            Issue.record("no error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location?.line == expectedLine, "\(diagnostic.message) at \(String(describing: diagnostic.location))")
            #expect(diagnostic.message.contains("oops"), "\(diagnostic.message)")
        }
    }
}

import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// Timestamps and the other date spellings in files: inferred by the CSV
/// and JSON readers, written by every writer, and the importer's null
/// spellings and conversions, whose errors say file:line:column.
@Suite struct TimeIOTests {
    func read(_ text: String, _ options: CSVReader.Options = .init()) throws -> Table {
        try CSVReader(fileName: "t.csv", options: options).read(Array(text.utf8)).0
    }

    func cells(_ table: Table) -> [[String]] {
        (0..<table.rowCount).map { row in table.columns.map { $0.isNull(row) ? "∅" : $0[row].description } }
    }

    func failure(_ text: String, _ options: CSVReader.Options) -> String {
        do { _ = try read(text, options); return "no error" } catch let diagnostic as Diagnostic {
            return "\(diagnostic.location.map { "\($0): " } ?? "")\(diagnostic.message)"
        } catch { return "\(error)" }
    }

    @Test func infersTimestampsAndOtherDateSpellings() throws {
        let table = try read("t,s,slash,zh,mixed,dots\n2023-03-27T10:00:00,2023-03-27 10:00:00,2023/03/27,2023年3月27日,2023-03-27,2023.3.27\n2022-12-31T23:59:59,,2023/3/5,2023年3月,2023-03-27 10:00,2023.12.01\n")
        #expect(table.columns.map(\.type) == [.timestamp, .timestamp, .date, .date, .string, .date])
        #expect(cells(table) == [
            ["2023-03-27T10:00:00", "2023-03-27T10:00:00", "2023-03-27", "2023-03-27", "2023-03-27", "2023-03-27"],
            ["2022-12-31T23:59:59", "∅", "2023-03-05", "2023-03", "2023-03-27 10:00", "2023-12-01"],
        ])
    }

    @Test func numbersThatLookLikeDatesStayNumbers() throws {
        let table = try read("a,b,c\n2023.5,2023,2023-02-30\n")
        #expect(table.columns.map(\.type) == [.decimal, .integer, .string])
    }

    @Test func nullSpellingsAreNullInEveryType() throws {
        var options = CSVReader.Options()
        options.nullTexts = ["N/A", "-"]
        let table = try read("n,d,s\n1,2023-03-27,x\nN/A,-,-\n-,N/A,重庆\n", options)
        #expect(table.columns.map(\.type) == [.integer, .date, .string])
        #expect(cells(table) == [["1", "2023-03-27", "x"], ["∅", "∅", "∅"], ["∅", "∅", "重庆"]])
    }

    @Test func conversionsByTheRulesOfTheFunctions() throws {
        var options = CSVReader.Options()
        options.nullTexts = ["N/A"]
        options.conversions = ["price": .number(decimalSeparator: "."), "eu": .number(decimalSeparator: ","),
                               "day": try #require(try FieldConversion.parse("date:%d/%m/%Y")),
                               "at": try #require(try FieldConversion.parse("timestamp:%Y%m%d %H%M"))]
        let table = try read("price,eu,day,at\n\"1,234.5\",\"1.234,5\",27/03/2023,20230327 1033\nN/A,,1/2/2023,\n", options)
        #expect(table.columns.map(\.type) == [.decimal, .decimal, .date, .timestamp])
        #expect(cells(table) == [["1234.5", "1234.5", "2023-03-27", "2023-03-27T10:33:00"], ["∅", "∅", "2023-02-01", "∅"]])
    }

    @Test func theFirstValueThatDoesNotConvertIsReportedWhereItIs() {
        var options = CSVReader.Options()
        options.conversions = ["price": .number(decimalSeparator: ".")]
        #expect(failure("name,price\n重庆,\"1,234\"\n成都,N/A\n", options)
                == #"t.csv:3:4: column "price" is converted by --type price=number, but "N/A" is not a number"#)
        options.conversions = ["day": .date(try? DateFormat("%d/%m/%Y"))]
        #expect(failure("day\n27/03/2023\n30/02/2023\n", options)
                == #"t.csv:3:1: column "day" is converted by --type day=date:%d/%m/%Y, but "30/02/2023" is not a date in the format %d/%m/%Y"#)
        options.conversions = ["nope": .number(decimalSeparator: ".")]
        #expect(failure("day\n1\n", options).contains(#"--type names column "nope""#))
        options.conversions = [:]
        options.forcedTypes = ["at": .timestamp]
        #expect(failure("at\n2023-03-27T10:00:00\n2023-03-27T25:00:00\n", options)
                == #"t.csv:3:1: column "at" is forced to timestamp, but "2023-03-27T25:00:00" is not one"#)
    }

    @Test func conversionSpellings() throws {
        #expect(try FieldConversion.parse("number") == .number(decimalSeparator: "."))
        #expect(try FieldConversion.parse("number:,") == .number(decimalSeparator: ","))
        #expect(try FieldConversion.parse("date") == nil)
        #expect(try FieldConversion.parse("integer") == nil)
        #expect(throws: DateFormat.Invalid.self) { try FieldConversion.parse("date:%d/%q/%Y") }
        #expect(throws: DateFormat.Invalid.self) { try FieldConversion.parse("date:%d/%m") }
    }

    @Test func jsonReadsTimestampsAndWritesThemAsText() throws {
        let table = try JSONReader(fileName: "t.json").read(Array(#"[{"at": "2023-03-27T10:00:00", "d": "2023/03/27", "s": "10:00"}, {"at": null, "d": "2023年3月", "s": "x"}]"#.utf8))
        #expect(table.columns.map(\.type) == [.timestamp, .date, .string])
        #expect(JSONText.value(.timestamp(TimestampValue(seconds: 0))) == #""1970-01-01T00:00:00""#)
    }

    @Test func everyWriterPrintsATimestampOneWay() throws {
        let column = Column(.timestamp([TimestampValue(seconds: 1_680_258_839), TimestampValue(seconds: 0)]), nulls: [false, true])
        let table = Table(named: nil, columns: [("at", column)])
        #expect(TableWriter.string(table, options: OutputOptions(format: .csv)) == "at\n2023-03-31T10:33:59\n\n")
        #expect(TableWriter.string(table, options: OutputOptions(format: .json)).contains(#"{"at":"2023-03-31T10:33:59"}"#))
        #expect(TableWriter.string(table, options: OutputOptions(format: .markdown)).contains("| 2023-03-31T10:33:59 |"))
        // A workbook cell is a real date-time: a serial number styled as one.
        let (cell, width) = XLSXWriter.cell(.timestamp(TimestampValue(seconds: 1_680_258_839)), reference: "A2")
        #expect(cell == #"<c r="A2" s="4"><v>45016.4402662037</v></c>"#)
        #expect(width == 19)
        #expect(XLSXWriter.styles.contains(#"formatCode="yyyy\-mm\-dd\ hh:mm:ss""#))
    }
}

import SciEngine
import SciIO
import Testing

@Suite struct WriterTests {
    let table = Table(named: nil, columns: [
        ("text", Column.from([.string("plain"), .string("a,b"), .string("say \"hi\""), .string("two\nlines"), .string(" padded "), .string("=SUM(A1)"), .string("-5"), .string("金凤实验室")])!),
        ("n", Column.from([.integer(1), .integer(-5), .null, .integer(3), .integer(4), .integer(5), .integer(6), .integer(7)])!),
    ])

    func write(_ options: OutputOptions) -> String {
        TableWriter.string(table, options: options)
    }

    @Test func csvQuotesOnlyWhatRFC4180Needs() {
        let expected = "text,n\nplain,1\n\"a,b\",-5\n\"say \"\"hi\"\"\",\n\"two\nlines\",3\n\" padded \",4\n=SUM(A1),5\n-5,6\n金凤实验室,7\n"
        #expect(write(OutputOptions(format: .csv)) == expected)
    }

    @Test func theExcelFlavourHasABomCrlfAndDisarmsFormulasButNotNumbers() {
        let text = write(OutputOptions(format: .csv, excel: true))
        #expect(text.hasPrefix("\u{FEFF}text,n\r\n"))
        #expect(text.contains("\r\n'=SUM(A1),5\r\n"))
        #expect(text.contains("\r\n'-5,6\r\n"))
        #expect(text.contains("\r\n\"a,b\",-5\r\n"))
    }

    @Test func tsvUsesTabs() {
        #expect(write(OutputOptions(format: .tsv)).hasPrefix("text\tn\nplain\t1\na,b\t-5\n"))
    }

    @Test func jsonHasTypedValues() {
        let small = Table(named: nil, columns: [
            ("s", Column.from([.string("金\"x"), .null])!),
            ("d", Column.from([.decimal(ExactDecimal(units: 5, scale: 1)), .decimal(ExactDecimal(2))])!),
            ("t", Column.from([.date(DateValue.parse("2022-06")!), .date(DateValue.parse("2023-03-27")!)])!),
            ("b", Column.from([.bool(true), .null])!),
        ])
        #expect(TableWriter.string(small, options: OutputOptions(format: .json)) == """
        [
        {"s":"金\\"x","d":0.5,"t":"2022-06","b":true},
        {"s":null,"d":2,"t":"2023-03-27","b":null}
        ]

        """)
        #expect(TableWriter.string(small, options: OutputOptions(format: .jsonl)).split(separator: "\n").count == 2)
    }

    @Test func markdownEscapesPipesAndRightAlignsNumbers() {
        let small = Table(named: nil, columns: [("a|b", Column.from([.string("x|y")])!), ("n", Column.from([.integer(1)])!)])
        #expect(TableWriter.string(small, options: OutputOptions(format: .markdown)) == "| a\\|b | n |\n|---|---:|\n| x\\|y | 1 |\n")
    }

    // CommonMark ends a line at \n, \r\n and a lone \r alike: any of them
    // left in a cell would end the table's row there.
    @Test(arguments: [
        ("x\ry", "x<br>y"), ("x\ny", "x<br>y"), ("x\r\ny", "x<br>y"), ("\r\r\n\n", "<br><br><br>"),
        ("科学|城\r", "科学\\|城<br>"), ("plain 金凤", "plain 金凤"), ("", ""), ("||", "\\|\\|"),
    ])
    func markdownCellsKeepTheirRowWhateverTheLineBreak(text: String, cell: String) {
        let table = Table(named: nil, columns: [("t", Column.from([.string(text)])!)])
        #expect(TableWriter.string(table, options: OutputOptions(format: .markdown)) == "| t |\n|---|\n| \(cell) |\n")
    }
}

@Suite struct TableRendererTests {
    @Test func alignsChineseByDisplayWidthAndRightAlignsNumbers() {
        let table = Table(named: nil, columns: [
            ("name", Column.from([.string("金凤实验室"), .string("lab")])!),
            ("n", Column.from([.integer(128), .null])!),
        ])
        #expect(TableWriter.string(table, options: OutputOptions()) == """
        ┌────────────┬──────┐
        │ name       │ n    │
        ├────────────┼──────┤
        │ 金凤实验室 │  128 │
        │ lab        │ NULL │
        └────────────┴──────┘
        2 rows

        """)
    }

    @Test func aWideTableIsFittedWithMarkedTruncation() {
        let long = String(repeating: "科学城", count: 20)
        let table = Table(named: nil, columns: [
            ("id", Column.from([.integer(1)])!),
            ("text", Column.from([.string(long)])!),
            ("more", Column.from([.string("x")])!),
        ])
        let text = TableWriter.string(table, options: OutputOptions(width: 40))
        for line in text.split(separator: "\n") where line.hasPrefix("│") || line.hasPrefix("┌") {
            #expect(DisplayWidthProbe.width(String(line)) <= 40, "too wide: \(line)")
        }
        #expect(text.contains("…"))
    }

    @Test func whenColumnsCannotFitTheFooterNamesTheOnesLeftOut() {
        let columns = (1...12).map { ("column_\($0)", Column.from([.string("value \($0)")])!) }
        let text = TableWriter.string(Table(named: nil, columns: columns), options: OutputOptions(width: 50))
        #expect(text.contains("more columns not shown: "))
        for line in text.split(separator: "\n") where line.hasPrefix("│") {
            #expect(DisplayWidthProbe.width(String(line)) <= 50)
        }
    }

    @Test func manyRowsOnATerminalShowTheHeadAndTail() {
        let table = Table(named: nil, columns: [("i", Column(.integer(Array(1...100))))])
        let text = TableWriter.string(table, options: OutputOptions(maxRows: 10))
        #expect(text.contains("⋮"))
        #expect(text.hasSuffix("100 rows (10 shown)\n"))
    }
}

import SciLanguage
enum DisplayWidthProbe {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }
}

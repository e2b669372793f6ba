import SciDataset
import SciEngine
import SciIO
import Testing

/// Every table of the dataset, written and read back, gives identical rows
/// and types: CSV, TSV and JSON.
@Suite struct RoundTripTests {
    static let formats: [OutputFormat] = [.csv, .tsv, .json, .jsonl]

    @Test(arguments: formats)
    func everyDatasetTableRoundTrips(format: OutputFormat) throws {
        for (name, table) in try Dataset.load() {
            let text = TableWriter.string(table, options: OutputOptions(format: format))
            let bytes = Array(text.utf8)
            let back: Table
            switch format {
            case .json, .jsonl: back = try JSONReader(fileName: name).read(bytes)
            case .tsv: back = try CSVReader(fileName: name, options: .init(delimiter: 9)).read(bytes).0
            default: back = try CSVReader(fileName: name).read(bytes).0
            }
            #expect(back.columnNames == table.columnNames, "\(name) \(format)")
            #expect(back.columns.map(\.type) == table.columns.map(\.type), "\(name) \(format)")
            #expect(back.rowCount == table.rowCount)
            for row in 0..<min(table.rowCount, back.rowCount) {
                for column in 0..<min(table.columns.count, back.columns.count) {
                    #expect(back[row, column] == table[row, column], "\(name) \(format) row \(row + 1) column \(table.columnNames[column])")
                }
            }
        }
    }

    @Test func theExcelFlavourReadsBackToo() throws {
        let table = try #require(try Dataset.load().first { $0.name == "metrics" }?.table)
        let text = TableWriter.string(table, options: OutputOptions(format: .csv, excel: true))
        let back = try CSVReader(fileName: "m").read(Array(text.utf8)).0
        #expect(back.columnNames == table.columnNames)
        #expect(back.rowCount == table.rowCount)
    }
}

import Foundation
import SciEngine
@testable import SciIO
import Testing

/// A file read a block at a time gives the rows a whole read gives, for
/// every block size: records with quoted line breaks and doubled quotes,
/// CRLF line ends, a missing last line end, a byte order mark.
@Suite struct CSVBlocksTests {
    static let text = "\u{FEFF}id,name,note\r\n1,重庆,\"line\nbreak\"\r\n2,\"say \"\"hi\"\"\",x\r\n3,,\"\"\r\n4,科学城,\"a,b\n\"\"c\"\"\nd\"\r\n5,z,end"

    func rows(_ table: Table) -> [[String]] {
        (0..<table.rowCount).map { row in table.columns.map { $0.isNull(row) ? "∅" : $0[row].description } }
    }

    @Test func everyBlockSizeGivesTheRowsOfAWholeRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-blocks-\(getpid()).csv").path
        try Data(Self.text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try CSVReader(fileName: path).read(Array(Self.text.utf8)).0
        let types = Dictionary(uniqueKeysWithValues: zip(whole.columnNames, whole.columns.map(\.type)))
        #expect(whole.rowCount == 5)
        for size in 1...Self.text.utf8.count + 1 {
            let reader = try CSVBlocks(path: path, types: types, options: CSVReader.Options(), blockSize: size)
            var got: [[String]] = []
            var names: [String] = []
            while let block = try reader.next() {
                got += rows(block)
                names = block.columnNames
            }
            #expect(names == whole.columnNames, "block size \(size)")
            #expect(got == rows(whole), "block size \(size)")
        }
    }

    @Test func theLastLineBreakOutsideQuotesEndsABlock() {
        let bytes = Array("a,\"x\ny\"\nb,c\nd,\"e\n".utf8)
        // The last line break is inside an open quote; the one before it ends a record.
        #expect(CSVBlocks.lastRecordEnd(bytes, from: 0) == 12)
        #expect(CSVBlocks.lastRecordEnd(Array("\"a\nb\"".utf8), from: 0) == nil)
    }
}

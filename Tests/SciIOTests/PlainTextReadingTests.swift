import Foundation
import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// A text column whose strings are mostly new is read as a plain list (no
/// dictionary, no merge of the chunks' dictionaries): the same values, the
/// same errors at the same places, whichever form each chunk chose.
@Suite struct PlainTextReadingTests {
    func read(_ bytes: [UInt8], sample: Int?, columns: Set<String>? = nil) throws -> Table {
        var options = CSVReader.Options()
        options.plainTextSample = sample
        options.columns = columns
        return try CSVReader(fileName: "t.csv", options: options).read(bytes).0
    }

    func texts(_ column: Column) -> [String?] {
        (0..<column.count).map { column.isNull($0) ? nil : column[$0].description }
    }

    func isPlain(_ column: Column) -> Bool {
        if case .string(_, let dictionary) = column.storage { return !dictionary.isUnique }
        return false
    }

    static let text = "name,kind,n\n科学中心1号,a,1\n\"\",a,2\n,b,3\n重庆,a,4\n科学中心1号,b,5\n\"say \"\"hi\"\"\",a,6\n城,a,7\n"

    @Test func mostlyNewStringsAreAPlainListWithTheSameValues() throws {
        let bytes = Array(Self.text.utf8)
        let dictionary = try read(bytes, sample: nil)
        let plain = try read(bytes, sample: 4)
        #expect(!isPlain(dictionary.columns[0]))
        // name: 3 of its first 4 strings new (the empty text is one); kind: 2 of 4.
        #expect(isPlain(plain.columns[0]))
        #expect(!isPlain(plain.columns[1]))
        for column in 0..<3 { #expect(texts(plain.columns[column]) == texts(dictionary.columns[column])) }
        #expect(plain.columns[0][1] == .string(""))
        #expect(plain.columns[0][2] == .null)
        #expect(plain.columns[0][5] == .string("say \"hi\""))
    }

    @Test func aPlainListIsWrittenAsADictionaryIs() throws {
        let bytes = Array(Self.text.utf8)
        let dictionary = try read(bytes, sample: nil), plain = try read(bytes, sample: 4)
        #expect(isPlain(plain.columns[0]))
        for format in [OutputFormat.csv, .tsv, .json, .jsonl] {
            var options = OutputOptions(format: format)
            options.excel = format == .csv
            #expect(TableWriter.string(plain, options: options) == TableWriter.string(dictionary, options: options), "\(format)")
        }
        // Empty text is quoted, null is not.
        #expect(TableWriter.string(plain, options: OutputOptions(format: .csv)).contains("\n\"\",a,2\n,b,3\n"))
    }

    @Test func aColumnThatTurnsOutToRepeatAfterTheSampleStaysCorrect() throws {
        // Distinct at first (a plain list), then the same few strings.
        var text = "code\n"
        for i in 0..<50 { text += "c\(i)\n" }
        for i in 0..<500 { text += "重复\(i % 3)\n" }
        let table = try read(Array(text.utf8), sample: 20)
        #expect(isPlain(table.columns[0]))
        let reference = try read(Array(text.utf8), sample: nil)
        #expect(texts(table.columns[0]) == texts(reference.columns[0]))
        let interned = try table.columns[0].interned()
        guard case .string(_, let unique) = interned.storage else { return }
        #expect(unique.count == 53)
        // Low cardinality from the start: a dictionary.
        let low = try read(Array(("code\n" + String(repeating: "甲\n乙\n", count: 100)).utf8), sample: 20)
        #expect(!isPlain(low.columns[0]))
    }

    @Test func invalidUTF8IsReportedWhereItStands() throws {
        let bytes = Array("a,b,n\nok,fine,1\nx".utf8) + [0xFF] + Array(",y,2\n".utf8)
        for columns in [nil, Set(["a", "n"])] as [Set<String>?] {
            for sample in [nil, 1] as [Int?] {
                do {
                    _ = try read(bytes, sample: sample, columns: columns)
                    Issue.record("expected an error")
                } catch let diagnostic as Diagnostic {
                    #expect(diagnostic.rendered() == "t.csv:3:2: error: invalid UTF-8 (byte 0xFF)")
                }
            }
        }
    }

    /// A file of two chunks (one per core, over 4 MiB): the first repeats
    /// its strings (a dictionary), the second does not (a plain list).
    @Test func chunksOfBothKindsJoinInOrder() throws {
        var text = "id,name\n"
        let half = 160_000
        for i in 0..<half { text += "\(i),重复的名字\(i % 5)\n" }
        for i in half..<(2 * half) { text += "\(i),\(i % 17 == 0 ? "" : "独一无二的名字\(i)")\n" }
        #expect(text.utf8.count > 4 << 20)
        let table = try read(Array(text.utf8), sample: 1_000)
        guard CSVChunks.cores > 1 else { return }
        #expect(table.rowCount == 2 * half)
        #expect(isPlain(table.columns[1]))
        for row in [0, 1, half - 1, half, half + 1, 2 * half - 1] {
            let expected: Value = row < half ? .string("重复的名字\(row % 5)") : row % 17 == 0 ? .null : .string("独一无二的名字\(row)")
            #expect(table[row, 1] == expected)
        }
        // describe's distinct count: the five repeated names and every other
        // row of the second half that is not null.
        let described = try Stages.describe(table)
        let nullRows = (half..<(2 * half)).filter { $0 % 17 == 0 }.count
        #expect(described.columns[4][1] == .integer(Int64(5 + half - nullRows)))
        #expect(described.columns[3][1] == .integer(Int64(nullRows)))
        // Interned, each string has one code.
        guard case .string(let codes, let dictionary) = try table.columns[1].interned().storage else { return }
        #expect(dictionary.isUnique)
        #expect(codes[0] == codes[5])
        #expect(dictionary.count == Set(texts(table.columns[1]).compactMap { $0 }).count)
    }

    /// A file over 4 MiB gives back the pages its second pass has read, as
    /// it reads: errors of that pass must still name their own line and
    /// column, counted in the first.
    @Test func errorsOfTheSecondPassNameTheirLineAfterPagesAreGivenBack() throws {
        var text = "id,name,n\n"
        let rows = 250_000
        for i in 0..<rows { text += "\(i),\(i % 1000 == 0 ? "\"两\n行\"" : "名字\(i)"),\(i % 7)\n" }
        #expect(text.utf8.count > 4 << 20)
        let lines = rows + rows / 1000 + 1
        // A value that does not fit a forced type, near the end (second chunk).
        var options = CSVReader.Options()
        options.forcedTypes = ["n": .integer]
        let bad = text + "\(rows),最后,x7\n"
        do {
            _ = try CSVReader(fileName: "t.csv", options: options).read(Array(bad.utf8))
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.rendered().hasPrefix("t.csv:\(lines + 1):11: error: column \"n\" is forced to integer"), "\(diagnostic.rendered())")
        }
        // Invalid UTF-8 in a text column a projection reads, checked field by field.
        let invalid = Array(text.utf8) + Array("\(rows),名".utf8) + [0xFF] + Array(",1\n".utf8)
        options = CSVReader.Options()
        options.columns = ["name", "n"]
        do {
            _ = try CSVReader(fileName: "t.csv", options: options).read(invalid)
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.rendered() == "t.csv:\(lines + 1):9: error: invalid UTF-8 (byte 0xFF)")
        }
        // And without an error, every row as written.
        let table = try CSVReader(fileName: "t.csv").read(Array(text.utf8)).0
        #expect(table.rowCount == rows)
        for row in [0, 1, 999, 1000, rows / 2, rows / 2 + 1, rows - 1] {
            #expect(table[row, 1] == .string(row % 1000 == 0 ? "两\n行" : "名字\(row)"))
            #expect(table[row, 2] == .integer(Int64(row % 7)))
        }
    }

    @Test func blocksOfAStreamedFileGiveTheRowsOfAWholeRead() throws {
        var text = "id,code,kind\n"
        for i in 0..<20_000 { text += "\(i),编号\(i * 7919 % 10_000),\(i % 3)\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-plain-\(getpid()).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try read(Array(text.utf8), sample: nil)
        var options = CSVReader.Options()
        options.plainTextSample = 8
        let types = Dictionary(uniqueKeysWithValues: zip(whole.columnNames, whole.columns.map(\.type)))
        let reader = try CSVBlocks(path: path, types: types, options: options, blockSize: 50_000)
        var joined: Column?
        var blocks = 0
        while let block = try reader.next() {
            blocks += 1
            joined = joined.map { $0.appending(block.columns[1]) } ?? block.columns[1]
        }
        #expect(blocks > 3)
        guard let joined else { return }
        #expect(isPlain(joined))
        #expect(texts(joined) == texts(whole.columns[1]))
    }
}

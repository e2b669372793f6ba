import Foundation
import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// A block of a streamed file is read in one pass with the types planned
/// from the file's first rows (`typesKnown`): it must give exactly the table
/// that reading the whole file infers, or give up with an error (and the
/// caller reads the whole file). Random files, small and chunked, with the
/// spellings that make inference choose another type (007, " 12 ", 1e-05, a
/// quoted empty field, 19 places), quoted line breaks and wrong widths.
@Suite struct OnePassTests {
    static let decimals = ["1.5", "12.25", "-0.125", "7", "", "N/A", "1e-05", "007.5", "0.1234567890123456789", "123456.789",
                           "9000000000.5", "3.0", "\"4.75\"", "0.000", "\"\"", "123456789012345678.5"]
    static let integers = ["1", "-42", "", "9223372036854775807", "007", "3.5", "N/A", "12", " 12 ", "\"\"", "\"13\""]
    static let texts = ["西部科学城", "plain", "", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "\"\"", "N/A", "a,b" ]
    static let dates = ["2023-03-27", "2023/3/5", "", "2023-02-30", "2023.3.27", "N/A", "2023-03-27T10:00:00"]

    /// A file of `rows` rows: id, value (decimal), name (text), day (date),
    /// and sometimes a broken record or a value of another type.
    static func file(rows: Int, generator: inout SeededGenerator, mess: Bool) -> String {
        func pick(_ list: [String]) -> String { list[Int(generator.next() % UInt64(list.count))] }
        var text = "id,value,name,day\n"
        for row in 0..<rows {
            let clean = !mess || generator.next() % 50 != 0
            let id = clean ? String(row) : pick(integers)
            let value = clean ? "\(row % 1000).\(row % 7 == 0 ? "5" : "25")" : pick(decimals)
            let name = clean ? "项目\(row % 300)" : pick(texts)
            let day = clean ? "2023-03-\(10 + row % 18)" : pick(dates)
            text += generator.next() % 2_000 == 0 && mess ? "\(id),\(value)\n" : "\(id),\(value),\(name),\(day)\n"
        }
        return text
    }

    /// Types, scales and cells of a read, or its error; and whether it was
    /// read in one pass.
    func read(_ text: String, types: [String: ValueType]?, columns: Set<String>?) -> (text: String, onePass: Bool) {
        var options = CSVReader.Options(columns: columns)
        if let types {
            options.forcedTypes = types
            options.typesKnown = true
        }
        options.nullTexts = ["N/A"]
        do {
            let (table, report) = try CSVReader(fileName: "block.csv", options: options).read(Array(text.utf8))
            var lines = table.columns.map { "\($0.type) \($0.scale)" }
            for row in 0..<table.rowCount {
                lines.append(table.columns.map { $0.isNull(row) ? "∅" : $0[row].description }.joined(separator: "|"))
            }
            return (lines.joined(separator: "\n"), report.readInOnePass)
        } catch let diagnostic as Diagnostic {
            return ("error \(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-") \(diagnostic.message)", false)
        } catch {
            return ("error \(error)", false)
        }
    }

    /// The types inferred from the file's first `rows` records, as the
    /// planner sniffs them; nil when a column has no value there (such a file
    /// is read whole, not in blocks).
    func planned(_ text: String, rows: Int) -> [String: ValueType]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let prefix = lines.prefix(rows + 1).joined(separator: "\n") + "\n"
        var options = CSVReader.Options()
        options.nullTexts = ["N/A"]
        options.lenient = true
        guard let table = try? CSVReader(fileName: "block.csv", options: options).read(Array(prefix.utf8)).0 else { return nil }
        var types: [String: ValueType] = [:]
        for (field, column) in zip(table.fields, table.columns) {
            if (0..<column.count).allSatisfy({ column.isNull($0) }) { return nil }
            types[field.name] = column.type
        }
        return types
    }

    @Test func onePassGivesWhatReadingTheWholeFileInfers() {
        var generator = SeededGenerator(seed: 11)
        var onePass = 0, gaveUp = 0
        for round in 0..<200 {
            let mess = round % 3 != 0
            let text = Self.file(rows: 1 + Int(generator.next() % 400), generator: &generator, mess: mess)
            let columns: Set<String>? = round % 2 == 0 ? nil : ["value", "name"]
            guard let types = planned(text, rows: 1 + Int(generator.next() % 50)) else { continue }
            let whole = read(text, types: nil, columns: columns).text
            let (block, wasOnePass) = read(text, types: types, columns: columns)
            if wasOnePass {
                onePass += 1
                #expect(block == whole, "round \(round)")
            } else {
                gaveUp += 1
                #expect(block.hasPrefix("error"), "round \(round)")
            }
            // A clean file's blocks are read in one pass.
            if !mess { #expect(wasOnePass, "round \(round): \(block.prefix(200))") }
        }
        #expect(onePass >= 40 && gaveUp >= 20, "\(onePass) in one pass, \(gaveUp) gave up")
    }

    /// Spellings that inference types otherwise than the plan: the block
    /// gives up rather than read them its own way.
    @Test func valuesInferenceWouldTypeOtherwiseGiveUp() {
        let cases: [(String, ValueType)] = [("007", .integer), (" 12 ", .integer), ("\"\"", .integer), ("1e-05", .decimal),
                                           ("\"\"", .decimal), ("123456789012345678.5", .decimal), ("2023-03-27T10:00:00", .date),
                                           ("yes", .bool), ("2023-03-27", .integer), ("abc", .float)]
        for (value, type) in cases {
            let text = "v\n1\n\(value)\n"
            let (outcome, onePass) = read(text, types: ["v": type], columns: nil)
            #expect(!onePass && outcome.hasPrefix("error"), "\(value) as \(type): \(outcome)")
        }
        // And what fits is read.
        #expect(read("v\n12\n\n-3\n", types: ["v": .integer], columns: nil).onePass)
        #expect(read("v\n1.5\n2\n\"3.25\"\n", types: ["v": .decimal], columns: nil).text == read("v\n1.5\n2\n\"3.25\"\n", types: nil, columns: nil).text)
    }

    /// Large enough for a chunk per core: each chunk's decimals grow to
    /// their own scale and meet at the largest.
    @Test func chunksMeetAtOneScale() {
        var text = "id,value\n"
        for row in 0..<400_000 { text += row == 350_000 ? "\(row),1.125\n" : "\(row),\(row % 97).5\n" }
        #expect(text.utf8.count > 4 << 20)
        let (block, wasOnePass) = read(text, types: ["id": .integer, "value": .decimal], columns: nil)
        #expect(wasOnePass)
        #expect(block == read(text, types: nil, columns: nil).text)
        #expect(block.hasPrefix("integer 0\ndecimal 3\n"), "\(block.prefix(40))")
    }

    /// Digits that pass 18 only together — whole digits in one chunk,
    /// places in another — make the whole read's column float: the one
    /// pass gives up rather than keep decimals.
    @Test func digitsPastEighteenAcrossChunksGiveUp() {
        var text = "v\n"
        for row in 0..<500_000 { text += row == 10 ? "12345678901234567\n" : row == 400_000 ? "0.125\n" : "\(row % 1000)\n" }
        #expect(read(text, types: nil, columns: nil).text.hasPrefix("float"))
        let (block, onePass) = read(text, types: ["v": .decimal], columns: nil)
        #expect(!onePass && block.hasPrefix("error"), "\(block.prefix(80))")
    }

    /// The same across blocks: each block fits, but together the digits
    /// pass 18, so the blocks stop (and the caller reads the file whole).
    @Test func digitsPastEighteenAcrossBlocksStopTheBlocks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-digits-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = ["12345678901234567.5"] + (0..<200).map { "\($0).5" } + ["1.125"]
        try (["v"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let blocks = try CSVBlocks(path: path, types: ["v": .decimal], options: CSVReader.Options(), blockSize: 256)
        var failure: String?
        do {
            while try blocks.next() != nil {}
        } catch let diagnostic as Diagnostic {
            failure = diagnostic.message
        }
        #expect(failure?.contains("more than 18 digits") == true, "\(failure ?? "no error")")
    }
}

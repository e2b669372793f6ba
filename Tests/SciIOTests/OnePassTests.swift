import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// A block of a streamed file is read in one pass when its types are known
/// (`typesKnown`); whatever that pass meets, the table or the error must be
/// the one the two passes give. Random files, small and chunked, with the
/// spellings that make one pass give up (scientific numbers, leading zeros,
/// 19 places, quoted line breaks, wrong widths, values of another type).
@Suite struct OnePassTests {
    static let decimals = ["1.5", "12.25", "-0.125", "7", "", "N/A", "1e-05", "007.5", "0.1234567890123456789", "123456.789",
                           "9000000000.5", "3.0", "\"4.75\"", "0.000"]
    static let integers = ["1", "-42", "", "9223372036854775807", "007", "3.5", "N/A", "12"]
    static let texts = ["西部科学城", "plain", "", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "\"\"", "N/A", "a,b" ]
    static let dates = ["2023-03-27", "2023/3/5", "", "2023-02-30", "2023.3.27", "N/A"]

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

    /// The table (types, scales, cells) or the error, and whether it was
    /// read in one pass.
    func read(_ text: String, types: [String: ValueType], onePass: Bool, columns: Set<String>?) -> String {
        readReporting(text, types: types, onePass: onePass, columns: columns).text
    }

    func readReporting(_ text: String, types: [String: ValueType], onePass: Bool, columns: Set<String>?) -> (text: String, onePass: Bool) {
        var options = CSVReader.Options(forcedTypes: types, columns: columns)
        options.typesKnown = onePass
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

    @Test func onePassGivesWhatTwoPassesGive() {
        var generator = SeededGenerator(seed: 11)
        let typings: [[String: ValueType]] = [
            ["id": .integer, "value": .decimal, "name": .string, "day": .date],
            ["id": .decimal, "value": .float, "name": .string, "day": .string],
            ["id": .string, "value": .decimal, "name": .string, "day": .date],
            ["id": .integer, "value": .integer, "name": .string, "day": .date],
        ]
        var onePassRead = 0
        for round in 0..<120 {
            let mess = round % 3 != 0
            let text = Self.file(rows: 1 + Int(generator.next() % 400), generator: &generator, mess: mess)
            let types = typings[round % typings.count]
            let columns: Set<String>? = round % 2 == 0 ? nil : ["value", "name"]
            let two = read(text, types: types, onePass: false, columns: columns)
            let (one, wasOnePass) = readReporting(text, types: types, onePass: true, columns: columns)
            #expect(one == two, "round \(round)")
            if wasOnePass { onePassRead += 1 }
            // A clean file with the types it has is never read twice.
            if !mess, round % typings.count == 0 { #expect(wasOnePass, "round \(round)") }
        }
        // The clean files are read in one pass; the messy ones mostly give up.
        #expect(onePassRead >= 30, "\(onePassRead)")
    }

    /// Large enough for a chunk per core: each chunk's decimals grow to
    /// their own scale and meet at the largest.
    @Test func chunksMeetAtOneScale() {
        var text = "id,value\n"
        for row in 0..<400_000 { text += row == 350_000 ? "\(row),1.125\n" : "\(row),\(row % 97).5\n" }
        #expect(text.utf8.count > 4 << 20)
        let types: [String: ValueType] = ["id": .integer, "value": .decimal]
        let (one, wasOnePass) = readReporting(text, types: types, onePass: true, columns: nil)
        #expect(wasOnePass)
        #expect(one == read(text, types: types, onePass: false, columns: nil))
        #expect(one.hasPrefix("integer 0\ndecimal 3\n"), "\(one.prefix(40))")
    }
}

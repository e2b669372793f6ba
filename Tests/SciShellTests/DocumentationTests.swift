import Foundation
import SciDataset
import SciEngine
import SciPlan
import SciShell
import Testing

/// The examples in docs/*.md are run and their output compared, so the
/// documentation cannot drift from the program.
@Suite struct DocumentationTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs")

    struct Example: CustomStringConvertible {
        let file: String
        let line: Int
        let code: String
        let expected: String
        var description: String { "\(file):\(line)" }
    }

    static func examples() -> [Example] {
        var result: [Example] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: docs.path))?.filter { $0.hasSuffix(".md") }.sorted() ?? []
        for file in files {
            guard let text = try? String(contentsOf: docs.appendingPathComponent(file), encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            var i = 0
            while i < lines.count {
                guard lines[i] == "```scicity" else { i += 1; continue }
                let start = i + 1
                var j = start
                while j < lines.count, lines[j] != "```" { j += 1 }
                let code = lines[start..<min(j, lines.count)].joined(separator: "\n") + "\n"
                var expected = ""
                if j + 1 < lines.count, lines[j + 1] == "```text" {
                    var k = j + 2
                    var out: [String] = []
                    while k < lines.count, lines[k] != "```" { out.append(lines[k]); k += 1 }
                    expected = out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
                    j = k
                }
                result.append(Example(file: file, line: start, code: code, expected: expected))
                i = j + 1
            }
        }
        return result
    }

    @Test(arguments: examples())
    func exampleOutputMatches(_ example: Example) {
        let transcript = Transcript.of(example.code, format: .table, name: "-c")
        #expect(Self.timeless(transcript.output + transcript.messages) == Self.timeless(example.expected), "\(example)")
    }

    /// `.timer`'s times differ from run to run: compared without them.
    static func timeless(_ text: String) -> String {
        text.replacing(/Run Time: [0-9.]+ s/, with: "Run Time: … s")
    }

    @Test func thereAreExamplesInEveryDocument() {
        let files = Set(Self.examples().map(\.file))
        #expect(files.isSuperset(of: ["LANGUAGE.md", "DATASET.md", "CSV.md"]))
    }

    @Test func theLanguageReferenceCoversEveryStageFunctionAndAggregate() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("LANGUAGE.md"), encoding: .utf8)
        for stage in StageCatalog.all { #expect(text.contains("### \(stage.name)\n"), "stage \(stage.name)") }
        for function in Functions.all {
            #expect(text.contains("### \(function.name)\n"), "function \(function.name)")
            #expect(text.contains(function.example), "the declared example of \(function.name)")
        }
        for function in WindowFunctions.all {
            #expect(text.contains("### \(function.name)("), "window function \(function.name)")
            #expect(text.contains(function.example), "the declared example of \(function.name)")
        }
        for aggregate in Aggregates.all {
            #expect(text.contains("### \(aggregate.name)\n"), "aggregate \(aggregate.name)")
            #expect(text.contains(aggregate.example), "the declared example of \(aggregate.name)")
        }
    }

    @Test func theDataDictionaryCoversEveryTableColumnAndVocabularyTerm() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("DATASET.md"), encoding: .utf8)
        for table in DatasetSchema.tables {
            #expect(text.contains("### \(table.name)\n"), "table \(table.name)")
            for column in table.columns {
                #expect(text.contains("| \(column.name) | \(column.type.rawValue) | \(column.summary) |"), "\(table.name).\(column.name)")
            }
        }
        for vocabulary in Vocabularies.all {
            for term in vocabulary.terms {
                #expect(text.contains("| `\(term.code)` | \(term.chinese) | \(term.english) |"), "\(vocabulary.name): \(term.code)")
            }
        }
    }
}

import Foundation
import SciPlan
@testable import SciShell
import Testing

/// Completion reads the plan's schemas and never runs a pipeline on data.
@Suite struct CompletionFromPlanTests {
    let session: Session

    init() throws {
        session = try Session(environment: ShellEnvironment.capturing().0)
    }

    func candidates(_ text: String) -> [String] {
        let (word, all, _) = Completer(session: session).candidates(before: text)
        return all.filter { $0.hasPrefix(word) }
    }

    /// A file of about 3 MB whose last line is broken: a completer that read
    /// the whole file would fail and offer nothing.
    static func bigFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-complete-\(UUID().uuidString).csv").path
        var text = "编号,district,total\n"
        text.reserveCapacity(3_000_000)
        for i in 0..<150_000 { text += "\(i),d\(i % 9),\(i).5\n" }
        text += "broken,\"never closed\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func columnsOfALargeFileWithoutReadingIt() throws {
        let path = try Self.bigFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let columns = candidates("load \"\(path)\" | where ")
        #expect(columns.starts(with: ["编号", "district", "total"]), "\(columns.prefix(5))")
        #expect(candidates("load \"\(path)\" | derive big = total * 2 | sort b").contains("big"))
        #expect(candidates("load \"\(path)\" | summarize n = count() by district | where ").starts(with: ["district", "n"]))
        #expect(candidates("metrics | join load \"\(path)\" as f on entity == ").contains("district"))
    }

    @Test func eachStageOffersWhatItsDeclarationSays() {
        #expect(candidates("metrics | sort value d").contains("desc"))
        #expect(candidates("metrics | summarize n = cou") == ["count", "count_distinct"])
        #expect(candidates("metrics | where cou").isEmpty)
        #expect(candidates("metrics | summarize n = count() b").contains("by"))
        #expect(candidates("people | join people ").contains("as"))
        #expect(candidates("people | join people as p o") == ["on"])
        #expect(candidates("metrics | take ").isEmpty)
        #expect(candidates("metrics | take 3 ") == ["by"])
        #expect(candidates("metrics | take 3 by un") == ["unit"])
        #expect(candidates("metrics | take 3 by unit ").isEmpty, "after a whole key only , or | follows")
        #expect(candidates("metrics | take 3 by unit, ent") == ["entity"])
        #expect(candidates("people | join ").starts(with: ["inner", "left", "right", "full", "semi", "anti"]))
        #expect(candidates("people | join people as p on id == id a") == ["and"])
    }

    @Test func thePlanCommandCompletesItsStatement() {
        #expect(candidates(".plan metrics | where un") == ["unit"])
        #expect(candidates(".plan peo") == ["people"])
    }

    /// The declarations, the parser and the completer stay in step: every
    /// stage is offered after "|", parses with its own examples, and its
    /// grammar is the parser's.
    @Test func declarationsParserAndCompleterAgree() {
        let offered = candidates("metrics | ")
        for stage in StageCatalog.all {
            #expect(offered.contains(stage.keyword), "\(stage.keyword) is not offered")
            #expect(StageCatalog.grammars.grammars[stage.keyword] != nil)
            for example in stage.examples {
                #expect(Transcript.of(example, format: .csv).errors == 0, "\(stage.keyword): \(example)")
            }
            for other in stage.otherNames {
                let message = Transcript.of("metrics | \(other)", format: .csv).messages
                #expect(message.contains("did you mean \"\(stage.keyword)\""), "\(other): \(message)")
            }
        }
        #expect(offered.count == StageCatalog.all.count)
    }
}

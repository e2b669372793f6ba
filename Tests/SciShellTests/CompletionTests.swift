@testable import SciShell
import Testing

@Suite struct CompletionTests {
    let session: Session

    init() throws {
        session = try Session(environment: ShellEnvironment.capturing().0)
    }

    func candidates(_ text: String) -> [String] {
        let (word, all, _) = Completer(session: session).candidates(before: text)
        return all.filter { $0.hasPrefix(word) }
    }

    func complete(_ text: String) -> Completion {
        Completer(session: session).complete(before: text)
    }

    @Test func tablesWhereAPipelineStarts() {
        #expect(complete("peo") == Completion(insert: "ple ", candidates: []))
        #expect(candidates("e") == ["entities", "events"])
        #expect(complete("e").insert == "")
        #expect(candidates("let x = me") == ["metrics"])
    }

    @Test func stagesAfterAPipe() {
        #expect(complete("entities | wh") == Completion(insert: "ere ", candidates: []))
        #expect(candidates("entities | s") == ["select", "sort", "summarize", "sample"])
        #expect(candidates("entities |\n  d") == ["derive", "distinct", "drop", "describe"])
    }

    @Test func columnsOfTheRowsFlowingIn() {
        #expect(candidates("metrics | where va") == ["value"])
        #expect(candidates("metrics | select metric, n = value | where ") .contains("n"))
        #expect(candidates("metrics | select metric, n = value | where ").contains("value") == false)
        #expect(candidates("metrics | derive hectares = value / 15 | sort hec") == ["hectares"])
        #expect(candidates("metrics | derive hectares = value / 15, twice = hec") == ["hectares"])
        #expect(candidates("metrics | summarize total = su") == ["substr", "sum"])
    }

    @Test func tablesAfterJoinAndColumnsAfterOn() {
        #expect(candidates("relations | join ent") == ["entities"])
        #expect(candidates("relations | join entities on obj") == ["object"])
        #expect(candidates("relations | join entities on object == na") == ["name", "name_en"])
    }

    @Test func qualifiedColumnsAfterAJoin() {
        #expect(candidates("people | join entities on affiliation == id | select entities.na") == ["name", "name_en"])
        #expect(candidates("people | join entities on affiliation == id | select people.ro") == ["role"])
        #expect(candidates("people | join entities on affiliation == id | select entities.ki") == ["kind"])
    }

    @Test func stringValuesAfterAnEquals() {
        #expect(candidates(#"entities | where kind == "la"#) == ["lab"])
        #expect(complete(#"entities | where kind == "la"#) == Completion(insert: "b\" ", candidates: []))
        #expect(candidates(#"metrics | where unit == ""#).contains("亩"))
    }

    @Test func dotCommandsAndTheirArguments() {
        #expect(candidates(".sch") == [".schema"])
        #expect(candidates(".schema me") == ["metrics"])
        #expect(candidates(".mode c") == ["csv"])
        #expect(candidates(".timer o") == ["on", "off"])
        #expect(candidates(".help jo") == ["join"])
    }

    @Test func filePathsAfterReadImportAndExport() {
        #expect(candidates(".read /et").contains("/etc/"))
        #expect(candidates(#"entities | export "/et"#).contains("/etc/"))
        #expect(candidates(#"load "/et"#).isEmpty == false)
    }

    @Test func listingLaysCandidatesOutInColumns() {
        #expect(Completer.listing(["a", "bb", "ccc"], width: 12) == "a    bb\nccc\n")
        #expect(Completer.listing(["科学城", "b"], width: 8) == "科学城\nb\n")
        #expect(Completer.listing(["a", "b", "c", "d"], width: 12, limit: 3) == "a  b  c\n… and 1 more; type more of the word to narrow them\n")
        // 60,000 values: at most 100 listed (this took minutes when the
        // whole text was trimmed again after every line).
        let many = (0..<60_000).map { "S\($0)" }
        let listed = Completer.listing(many, width: 80)
        // S0 … S99 in cells of 5: 16 a line, 7 lines, and the count.
        #expect(listed.split(separator: "\n").count == 8)
        #expect(listed.hasSuffix("… and 59900 more; type more of the word to narrow them\n"))
    }
}

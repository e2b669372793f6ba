import Testing
@testable import SciLanguage
import SciPlan

/// `case when … then … else … end`: one flat node, however many arms.
@Suite struct CaseParsingTests {
    func parse(_ text: String) -> [Result<Statement, Diagnostic>] {
        Parser.parse(SourceText(name: "test.sq", text: text), stages: StageCatalog.grammars)
    }

    func error(_ text: String) -> Diagnostic? {
        for result in parse(text) { if case .failure(let d) = result { return d } }
        return nil
    }

    func expression(_ text: String) throws -> Expression {
        let source = SourceText(name: "test", text: text)
        var parser = Parser(source, stages: StageCatalog.grammars)
        return try parser.expression()
    }

    @Test func armsAndElse() throws {
        let parsed = try expression("case when a > 1 then \"x\" when a is null then \"y\" else \"z\" end")
        guard case .caseWhen(let arms, let otherwise) = parsed.kind else {
            Issue.record("not a case: \(parsed.kind)")
            return
        }
        #expect(arms.count == 2)
        #expect(otherwise?.kind == .literal(.string("z")))
        #expect(parsed.height == 3, "one level above its deepest part")
        let noElse = try expression("case when true then 1 end")
        if case .caseWhen(_, let otherwise) = noElse.kind { #expect(otherwise == nil) } else { Issue.record("not a case") }
    }

    @Test func lineBreaksMayFallInsideAndAnOpenCaseAsksForMore() {
        #expect(error("m | select c = case\n  when a > 1 then 1\n  else 2\nend") == nil)
        let open = error("m | select c = case when a > 1 then 1")
        #expect(open?.isIncomplete == true)
        #expect(open?.message == "expected \"end\" to close \"case\" (or another \"when\", or \"else\"), but the statement ended")
    }

    @Test func mistakesArePositioned() {
        let missingThen = error("m | select c = case when a > 1 1 end")
        #expect(missingThen?.message == "expected \"then\" after the condition of \"when\", found a number")
        #expect(missingThen?.range?.start == 31)
        #expect(error("m | select c = case when end") != nil)
        #expect(error("m | select c = case when a then 1 else 2 fin")?.message.hasPrefix("expected \"end\"") == true)
    }

    @Test func caseIsAKeywordOnlyBeforeWhen() throws {
        #expect(try expression("case").kind == .column(ColumnName("case")))
        #expect(try expression("case + 1").height == 2)
    }

    @Test func aHundredThousandArmsAreOneLevelDeep() throws {
        let arms = (0..<100_000).map { "when a == \($0) then \($0)" }.joined(separator: " ")
        let parsed = try expression("case \(arms) end")
        #expect(parsed.height == 3)
        // Deep arms still meet the limit, with a positioned error.
        let deep = "case when true then " + Array(repeating: "1", count: 1_100).joined(separator: " + ") + " end"
        let diagnostic = error("m | select c = \(deep)")
        #expect(diagnostic?.message.contains("operations deep") == true)
    }
}

import Testing
@testable import SciLanguage
import SciPlan

@Suite struct ParserTests {
    func parse(_ text: String) -> [Result<Statement, Diagnostic>] {
        Parser.parse(SourceText(name: "test.sq", text: text), stages: StageCatalog.grammars)
    }

    func error(_ text: String) -> Diagnostic? {
        for result in parse(text) { if case .failure(let d) = result { return d } }
        return nil
    }

    @Test func parsesEveryStage() throws {
        let text = """
        entities | where kind == "lab" and not (status is null) | select id, label = name
          | derive n = length(label) | sort n desc, id | take 3
          | summarize c = count(), total = sum(n) by id | distinct id | count
          | join left people on id == affiliation | export "out.csv" as csv
        """
        guard case .success(.pipeline(let pipeline)) = parse(text).first else {
            Issue.record("expected a pipeline")
            return
        }
        #expect(pipeline.stages.map(\.keyword) == ["where", "select", "derive", "sort", "take", "summarize", "distinct", "count", "join", "export"])
        #expect(parse(text).count == 1)
    }

    @Test func aLineStartingWithAPipeContinuesTheStatement() {
        let results = parse("metrics\n| where value > 1\n\n| take 1\nentities")
        #expect(results.count == 2)
    }

    @Test func letAndDotCommands() {
        let results = parse("let big = metrics | where value >= 1000; .tables\nbig")
        guard case .success(.assignment(let name, _, _)) = results[0],
              case .success(.dotCommand(let command)) = results[1] else {
            Issue.record("unexpected parse \(results)")
            return
        }
        #expect(name == "big")
        #expect(command.name == "tables")
        #expect(results.count == 3)
    }

    @Test func dotCommandArgumentsSplitLikeAShell() {
        guard case .success(.dotCommand(let command)) = parse(#".import "my file.csv" as t --type id=string"#).first else {
            Issue.record("expected a dot-command")
            return
        }
        #expect(command.arguments == ["my file.csv", "as", "t", "--type", "id=string"])
    }

    @Test func precedenceOfAndOrNotAndArithmetic() {
        guard case .success(.pipeline(let p)) = parse("t | where a or b and not c == 1 + 2 * 3").first,
              case .expression(let e) = p.stages[0].arguments,
              case .binary(.or, _, let right) = e.kind,
              case .binary(.and, _, let notPart) = right.kind,
              case .unary(.not, let comparison) = notPart.kind,
              case .binary(.equal, _, let sum) = comparison.kind,
              case .binary(.add, _, let product) = sum.kind,
              case .binary(.multiply, _, _) = product.kind else {
            Issue.record("wrong precedence")
            return
        }
    }

    @Test func errorsPointAtTheOffendingToken() throws {
        let d = try #require(error("metrics | wher value > 1").map { $0 })
        #expect(d.message == "unknown stage \"wher\"; did you mean \"where\"?")
        #expect(d.location == SourceLocation(source: "test.sq", line: 1, column: 11))
        #expect(d.rendered() == """
        test.sq:1:11: error: unknown stage "wher"; did you mean "where"?
          metrics | wher value > 1
                    ^~~~
        """)
    }

    @Test func stageNamesFromOtherToolsPointToOurs() throws {
        #expect(try #require(error("people | filter x")).message == #"unknown stage "filter"; did you mean "where"?"#)
        #expect(try #require(error("people | limit 3")).message == #"unknown stage "limit"; did you mean "take"?"#)
        #expect(try #require(error("people | group by x")).message == #"unknown stage "group"; did you mean "summarize"?"#)
    }

    @Test func theCaretLinesUpUnderChineseText() throws {
        let d = try #require(error(#"metrics | where unit == "亩" )"#))
        // 亩 is one character but two columns wide: the caret counts columns.
        #expect(d.location?.column == 29)
        #expect(d.rendered().hasSuffix("\n  " + String(repeating: " ", count: 29) + "^"))
    }

    @Test func errorsOnLaterLinesCarryTheirLineNumber() throws {
        let d = try #require(error("entities\n\nentities | take x"))
        #expect(d.location?.line == 3)
        #expect(d.location?.column == 17)
        #expect(d.message.contains("expected a number of rows"))
    }

    @Test func aTrailingPipeOrOpenParenthesisIsIncomplete() throws {
        #expect(try #require(error("entities |")).isIncomplete)
        #expect(try #require(error("entities | where (a == 1")).isIncomplete)
        #expect(try #require(error("entities | where a == \"x")).isIncomplete)
        #expect(try #require(error("entities | where a == )")).isIncomplete == false)
    }

    @Test func theParserRecoversAndReportsEachBadStatement() {
        let results = parse("entities | wher x\npeople\nmetrics | take\nevents")
        let failures = results.filter { if case .failure = $0 { return true } else { return false } }
        #expect(results.count == 4)
        #expect(failures.count == 2)
    }

    @Test func invalidDatesAreErrors() throws {
        #expect(try #require(error("events | where date > @2023-02-30")).message.contains("is not a date"))
    }

    @Test func invalidUTF8IsAnErrorWithItsPlace() {
        let bytes: [UInt8] = Array("entities\n| where x == \"".utf8) + [0xFF, 0x22]
        #expect(throws: Diagnostic.self) { try SourceText.decode(bytes, name: "bad.sq") }
        do {
            _ = try SourceText.decode(bytes, name: "bad.sq")
        } catch let d as Diagnostic {
            #expect(d.location == SourceLocation(source: "bad.sq", line: 2, column: 15))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

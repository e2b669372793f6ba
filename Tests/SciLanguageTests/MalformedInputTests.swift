import Testing
@testable import SciLanguage
import SciPlan

/// No input, however malformed, may crash or hang the parser.
@Suite struct MalformedInputTests {
    func survives(_ text: String) {
        let results = Parser.parse(SourceText(name: "fuzz", text: text), stages: StageCatalog.grammars)
        for case .failure(let d) in results { _ = d.rendered() }
    }

    @Test func deeplyNestedParentheses() {
        let text = "t | where " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let results = Parser.parse(SourceText(name: "deep", text: text), stages: StageCatalog.grammars)
        guard case .failure(let d) = results.first else {
            Issue.record("expected an error")
            return
        }
        #expect(d.message.contains("nested more than"))
    }

    @Test func deeplyNestedNotsAndMinuses() {
        survives("t | where " + String(repeating: "not ", count: 50_000) + "true")
        survives("t | derive x = " + String(repeating: "-", count: 50_000) + "1")
    }

    @Test func aOneMegabyteLine() {
        survives("t | where name == \"" + String(repeating: "金", count: 1 << 20) + "\"")
        survives(String(repeating: "a | ", count: 250_000))
        survives(String(repeating: "x", count: 1 << 20))
    }

    @Test func everyPrefixOfAValidStatement() {
        let text = #"relations | join left entities on object == id | where name contains "实验室" and (kind in ("lab", 'x') or since >= @2022-06) | summarize n = count(), s = sum(length(name)) by kind | sort n desc | take 3 | export "x.csv" as csv"#
        let scalars = Array(text.unicodeScalars)
        for end in 0...scalars.count {
            survives(String(String.UnicodeScalarView(scalars[0..<end])))
        }
    }

    @Test func randomBytesDecodedAnyway() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("|()=!<>\"'`@.,;#\n -+*/%abc金0123456789".unicodeScalars)
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<60, using: &generator)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            survives(text)
        }
    }
}

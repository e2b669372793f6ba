import Foundation
import Testing

/// `.help load`, `let`, `null`, `types`, `dates`: the language's ideas,
/// wrapped to the terminal, each with examples that run.
@Suite struct HelpTopicsTests {
    @Test(arguments: [("load", #"load "FILE" | STAGE ..."#), ("let", "let NAME = PIPELINE"), ("null", "Null"), ("types", "Types"), ("dates", "Dates")])
    func aTopicHasItsOwnHelpWrappedToTheWidth(topic: String, title: String) throws {
        let result = try Binary.run(["-c", ".help \(topic)"], environment: ["COLUMNS": "50"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text.hasPrefix(title + "\n\n  "), "\(result.text)")
        #expect(result.text.contains("\nExample"))
        for line in result.text.split(separator: "\n") { #expect(DisplayColumns.width(String(line)) <= 50, "\(line)") }
    }

    @Test func theOverviewPointsAtTheTopicsAndANearMissIsSuggested() throws {
        let overview = try Binary.run(["-c", ".help"])
        #expect(overview.text.contains("load | let | null | types | dates"))
        let miss = try Binary.run(["-c", ".help dtaes"])
        #expect(miss.status == 1)
        #expect(miss.errors.contains(#"did you mean "dates"?"#), "\(miss.errors)")
    }

    @Test func theNullTopicsExampleShowsThreeValuedLogic() throws {
        let result = try Binary.run(["--csv", "-c", "article | select a = null and false, b = null or true, c = null == null, d = 1 / 0"])
        #expect(result.text == "a,b,c,d\nfalse,true,,\n")
        let help = try Binary.run(["-c", ".help null"])
        #expect(help.text.contains("article | select a = null and false, b = null or true, c = null == null, d = 1 / 0"))
    }
}

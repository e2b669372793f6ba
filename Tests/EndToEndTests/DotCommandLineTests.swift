import Foundation
import Testing

/// How a dot-command's line ends: a "#" comment and a ";" end it, as they
/// end any other statement; quotes keep both.
@Suite struct DotCommandLineTests {
    @Test func aCommentAfterADotCommandIsIgnored() throws {
        let result = try Binary.run(["-c", ".mode csv # for the spreadsheet", "-c", "people | select id | take 1"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
        #expect(result.text == "id\nbian_xiuwu\n")
    }

    @Test func aSemicolonEndsADotCommandAndTheNextStatementRuns() throws {
        let folder = try Binary.temporaryDirectory()
        let script = folder.appendingPathComponent("s.sq")
        try ".mode csv; .headers off; people | select id | take 1 # done\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run([script.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "bian_xiuwu\n")
    }

    @Test func quotesKeepAHashAndASemicolonInAnArgument() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("a;b #1.csv")
        try "x\n1\n2\n".write(to: file, atomically: true, encoding: .utf8)
        let plain = folder.appendingPathComponent("data#2.csv")
        try "y\n3\n".write(to: plain, atomically: true, encoding: .utf8)
        let result = try Binary.run(["--csv", "-c", ".import \"\(file.path)\" as t  # quoted", "-c", "t | count",
                                     "-c", ".import \(plain.path) as u", "-c", "u | count"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "count\n2\ncount\n1\n")
    }

    @Test func anErrorInADotCommandPointsAtItNotAtItsComment() throws {
        let result = try Binary.run(["-c", ".mode cvs # note"])
        #expect(result.status == 1)
        #expect(result.errors.contains(#"unknown mode "cvs"; did you mean "csv"?"#))
        #expect(result.errors.contains("  ^~~~~~~~~\n") || result.errors.hasSuffix("  ^~~~~~~~~\n"), "\(result.errors)")
    }
}

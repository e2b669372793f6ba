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

    /// `.quit CODE` (and `.exit CODE`) leaves with that status, as sqlite3's
    /// `.exit` does, from `-c`, a script and standard input; statements after
    /// it do not run.
    @Test func quitWithACodeLeavesWithThatStatus() throws {
        let fromC = try Binary.run(["-c", "people | count", "-c", ".exit 3", "-c", "metrics | count"])
        #expect(fromC.status == 3)
        #expect(fromC.text.components(separatedBy: "│ count │").count == 2)
        let fromStdin = try Binary.run([], input: ".mode csv\npeople | count\n.quit 0\npeople | wher x\n")
        #expect(fromStdin.status == 0, "\(fromStdin.errors)")
        #expect(fromStdin.text == "count\n6\n")
        let afterAnError = try Binary.run(["-k", "-c", "people | wher x", "-c", ".quit 0"])
        #expect(afterAnError.status == 0)
        let wrong = try Binary.run(["-c", ".quit now"])
        #expect(wrong.status == 1)
        #expect(wrong.errors.contains("expected an exit status from 0 to 255 after .quit, found \"now\""), "\(wrong.errors)")
        #expect(try Binary.run(["-c", ".exit 3 4"]).errors.contains("usage: .exit [CODE]"))
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

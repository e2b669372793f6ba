import Foundation
import Testing

/// `.output |COMMAND` and `.once |COMMAND` pipe results to a shell command,
/// as in sqlite3, instead of making a file named "|COMMAND".
@Suite struct OutputPipeTests {
    @Test func onceSendsTheNextResultThroughACommandAndWaitsForIt() throws {
        let folder = try Binary.temporaryDirectory()
        let result = try Binary.run(["--csv", "--no-headers", "-c", ".once |sort -r", "-c", "people | select name_en",
                                     "-c", "people | count"], directory: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "Zhao Yuliang\nYan Wei\nGan Xiayi\nDuan Shumin\nDong Chen\nBian Xiuwu\n6\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func outputSendsEveryResultToOneCommandUntilTheNextOutput() throws {
        let folder = try Binary.temporaryDirectory()
        let result = try Binary.run(["--csv", "-c", ".output |cat -n", "-c", "people | select id | take 2",
                                     "-c", "people | count", "-c", ".output", "-c", "events | count"], directory: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "     1\tid\n     2\tbian_xiuwu\n     3\tduan_shumin\n     4\tcount\n     5\t6\ncount\n8\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aCommandThatStopsReadingEarlyIsNoError() throws {
        let result = try Binary.run(["--csv", "-c", ".once | head -2", "-c", "load \"\(try Self.bigFile().path)\"", "-c", "people | count"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
        #expect(result.text == "n\n0\ncount\n6\n")
    }

    @Test func aCommandThatFailsIsReported() throws {
        let result = try Binary.run(["-c", ".once |no-such-command-here", "-c", "people | count"])
        #expect(result.errors.contains("|no-such-command-here exited with status 127"), "\(result.errors)")
    }

    @Test func aPipeWithoutACommandIsAUsageError() throws {
        let result = try Binary.run(["-c", ".once |"])
        #expect(result.status == 1)
        #expect(result.errors.contains("usage: .once |COMMAND"))
    }

    static func bigFile() throws -> URL {
        let url = try Binary.temporaryDirectory().appendingPathComponent("big.csv")
        var text = "n\n"
        for i in 0..<200_000 { text += "\(i)\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

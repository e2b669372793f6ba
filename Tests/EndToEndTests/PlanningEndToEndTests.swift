import Foundation
import Testing

/// The planner's promises through the real binary: errors before a file is
/// read, and a file whose later rows change a type still runs.
@Suite struct PlanningEndToEndTests {
    /// A file of about 6 MB whose last line is broken: reading it whole
    /// fails on that line, so any other error proves it was not read.
    static func bigFileWithABrokenEnd() throws -> (URL, URL) {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("big.csv")
        var text = "id,district,total\n"
        text.reserveCapacity(6_500_000)
        for i in 0..<300_000 { text += "\(i),区\(i % 9),\(i % 1000).5\n" }
        text += "1,2,3,4,5,6\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    @Test func nameTypeAndFormatErrorsComeBeforeTheFileIsRead() throws {
        let (folder, file) = try Self.bigFileWithABrokenEnd()
        let unknown = try Binary.run(["-c", "load \"\(file.path)\" | where nosuch > 1"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains(#"error: unknown column "nosuch""#), "\(unknown.errors)")
        let mistyped = try Binary.run(["-c", "load \"\(file.path)\" | where district > 1"])
        #expect(mistyped.errors.contains("error: cannot compare a string with an integer"), "\(mistyped.errors)")
        let out = folder.appendingPathComponent("out.csv")
        let format = try Binary.run(["-c", "load \"\(file.path)\" | export \"\(out.path)\" as nosuch"])
        #expect(format.status == 1)
        #expect(format.errors.contains(#"error: unknown format "nosuch""#), "\(format.errors)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // Reading it whole does fail on the broken line.
        let whole = try Binary.run(["-c", "load \"\(file.path)\" | count"])
        #expect(whole.errors.contains("expected 3 fields as in the header, found 6"), "\(whole.errors)")
    }

    @Test func aTypeThatChangesAfterTheFirstRowsIsPlannedAgain() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("late.csv")
        var text = "k,v\n"
        for i in 0..<200_000 { text += "\(i % 3),\(i)\n" }
        text += "9,not a number\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["-c", "load \"\(file.path)\" | where k == 9 | select v", "--csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "v\nnot a number\n")
        let planned = try Binary.run(["-c", ".plan load \"\(file.path)\" | select v"])
        #expect(planned.text.contains("v integer?"), "the plan shows what the first rows say: \(planned.text)")
    }

    @Test func planShowsColumnsTypesAndRewrites() throws {
        let result = try Binary.run(["-c", #".plan metrics | where unit == "亩" | summarize total = sum(value) by entity | sort total desc | take 3"#])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == """
        sort total desc | take 3 (keeps the top 3)
        │  entity string, total decimal?
        └─ summarize total = sum(value) by entity
           │  entity string, total decimal?
           └─ where unit == "亩"
              │  entity string, value decimal, unit string?
              └─ table metrics
                    entity string, value decimal, unit string?

        """)
        let error = try Binary.run(["-c", ".plan metrics | where nosuch > 1"])
        #expect(error.errors.contains(#"-c:1:23: error: unknown column "nosuch""#), "\(error.errors)")
    }
}

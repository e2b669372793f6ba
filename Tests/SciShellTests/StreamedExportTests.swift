import Foundation
import SciLanguage
@testable import SciShell
import Testing

/// An export of a large file through row-wise stages is written a block at
/// a time: the same bytes as writing the whole result, in every format that
/// can be written so; a failed write leaves the old file; a block whose
/// values change a column's type makes the file be read whole, as before.
/// "Large" and the block size are made small here through the session's
/// environment (SCICITY_STREAM_ABOVE, SCICITY_BLOCK_BYTES).
@Suite struct StreamedExportTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-streamed-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Larger than the first megabyte the reader takes for the header, so
        // that the rows come in many blocks.
        let rows = (0..<40_000).map { i in
            "\(i),\(i % 9 == 0 ? "" : "\"=名\(i % 17), \"\"x\"\"\""),\(i % 7 == 0 ? "" : "\(i % 23 - 5).\(i % 10)"),2023-03-\(String(format: "%02d", 1 + i % 28))"
        }
        try (["id,name,v,d"] + rows).joined(separator: "\n").write(to: folder.appendingPathComponent("facts.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func session(streaming: Bool, fault: WriteFault? = nil) throws -> (Session, CapturedOutput) {
        var (environment, captured) = ShellEnvironment.capturing()
        if streaming {
            environment.variables["SCICITY_STREAM_ABOVE"] = "0"
            environment.variables["SCICITY_BLOCK_BYTES"] = "65536"
        }
        environment.writeFault = fault
        return (try Session(environment: environment), captured)
    }

    static func export(_ pipeline: String, to path: String, format: String = "", streaming: Bool) throws -> Data {
        var (session, captured) = try session(streaming: streaming)
        let outcome = session.run(SourceText(name: "t", text: pipeline + " | export \"\(path)\"" + format))
        #expect(outcome.errors == 0, "\(captured.messages)")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test(arguments: ["out.csv", "out.tsv", "out.json", "out.jsonl", "excel.csv", "empty.csv", "empty.json"])
    func blocksWriteTheBytesOfTheWholeResult(_ name: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let facts = folder.appendingPathComponent("facts.csv").path
        let condition = name.hasPrefix("empty") ? "v > 1000" : "v > 0 or v is null"
        let pipeline = #"load "\#(facts)" | where \#(condition) | derive w = v * 2, label = name + "号""#
        let format = name.hasPrefix("excel") ? " as excel" : ""
        let whole = try Self.export(pipeline, to: folder.appendingPathComponent("a-" + name).path, format: format, streaming: false)
        let blocks = try Self.export(pipeline, to: folder.appendingPathComponent("b-" + name).path, format: format, streaming: true)
        #expect(!whole.isEmpty)
        #expect(whole == blocks, "\(name): \(String(decoding: blocks.prefix(300), as: UTF8.self))")
    }

    @Test func aFullDiskDuringAStreamedExportLeavesTheOldFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("keep.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        var (session, captured) = try Self.session(streaming: true, fault: WriteFault(afterBytes: 500, kind: .diskFull))
        let facts = folder.appendingPathComponent("facts.csv").path
        let outcome = session.run(SourceText(name: "t", text: #"load "\#(facts)" | where id > 3 | export "\#(target.path)""#))
        #expect(outcome.errors == 1)
        #expect(captured.messages.contains("No space left on device"), "\(captured.messages)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["facts.csv", "keep.csv"])
    }

    @Test func aBlockThatChangesATypeMakesTheFileBeReadWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let facts = folder.appendingPathComponent("facts.csv")
        var text = try String(contentsOf: facts, encoding: .utf8)
        text += "\n40000,late,not a number,2023-03-01"
        try text.write(to: facts, atomically: true, encoding: .utf8)
        let pipeline = #"load "\#(facts.path)" | where id > 3 | select id, v"#
        let whole = try Self.export(pipeline, to: folder.appendingPathComponent("a.csv").path, streaming: false)
        let blocks = try Self.export(pipeline, to: folder.appendingPathComponent("b.csv").path, streaming: true)
        #expect(whole == blocks)
        #expect(String(decoding: blocks, as: UTF8.self).hasSuffix("40000,not a number\n"))
    }

    /// Values that inference types otherwise than the first rows planned,
    /// past the first megabyte: a column empty there and numbers later, an
    /// integer column with 007 and " 12 " later, decimals with 1e-05 later.
    /// Streamed, the same table as read whole (before, the blocks took the
    /// planned types: the numbers came out as text, 007 as 7).
    @Test(arguments: ["", "007", " 12 ", "1e-05", "digits"])
    func laterValuesThatChangeATypeGiveTheWholeFilesTypes(late: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-late-types-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("late.csv").path
        var lines = ["id,x,n,d"]
        for i in 0..<120_000 {
            let x = i < 80_000 ? "" : "\(i % 7)"
            let n = i == 110_000 && !late.isEmpty && late != "1e-05" && late != "digits" ? late : "\(i % 100)"
            // "digits": 17 digits before the point early, three places late:
            // 20 in all, which makes the whole read's column float.
            let d = i == 110_000 && late == "1e-05" ? late
                : late == "digits" && i == 5 ? "12345678901234567.5" : late == "digits" && i == 110_000 ? "1.125" : "\(i % 50).\(late == "digits" ? "5" : "25")"
            lines.append("\(i),\(x),\(n),\(d)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        // sum(x) is planned although x has no value in the first megabyte
        // (it was refused as text before the file was read).
        // Row-wise stages only, so that the streamed run does stream; the
        // types show in the table (numbers to the right, text to the left)
        // and in min and max (numbers and text order apart).
        let pipeline = #"load "\#(path)" | where id > 109990 | select id, x, n, d"# + "\n" + #"load "\#(path)" | where id > 109990 | summarize c = count(), top = max(n), low = min(x), total = sum(x)"#
        var outputs: [String] = []
        for streaming in [false, true] {
            var (session, captured) = try Self.session(streaming: streaming)
            let outcome = session.run(SourceText(name: "t", text: pipeline))
            #expect(outcome.errors == 0, "\(captured.messages)")
            outputs.append(captured.text)
        }
        #expect(outputs[0] == outputs[1], "whole:\n\(outputs[0])\nstreamed:\n\(outputs[1])")
        #expect(outputs[0].contains("110000"), "\(outputs[0])")
    }
}

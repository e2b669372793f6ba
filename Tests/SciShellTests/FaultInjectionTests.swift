import Foundation
import SciLanguage
@testable import SciShell
import Testing

/// Writes that fail part-way (Ctrl-C, a full disk), injected through the
/// session's environment: the old file is intact, no temporary file is
/// left, and the error says what happened.
@Suite struct FaultInjectionTests {
    static func session(_ fault: WriteFault) throws -> (Session, CapturedOutput) {
        var (environment, captured) = ShellEnvironment.capturing()
        environment.writeFault = fault
        return (try Session(environment: environment), captured)
    }

    static func folderWithOldFile() throws -> (URL, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("keep.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        return (folder, target)
    }

    @Test(arguments: [WriteFault.Kind.interrupted, .diskFull], ["export", ".once", ".output"])
    func aFailedWriteLeavesTheOldFileAndNoTemporary(kind: WriteFault.Kind, way: String) throws {
        let (folder, target) = try Self.folderWithOldFile()
        var (session, captured) = try Self.session(WriteFault(afterBytes: 500, kind: kind))
        let script: String
        switch way {
        case "export": script = "relations | export \"\(target.path)\""
        case ".once": script = ".once \(target.path)\nrelations"
        default: script = ".output \(target.path)\nrelations"
        }
        let outcome = session.run(SourceText(name: "t", text: script))
        #expect(outcome.errors == 1)
        #expect(outcome.interrupted == (kind == .interrupted))
        #expect(captured.messages.contains(kind == .interrupted ? "interrupted" : "No space left on device"), "\(captured.messages)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.csv"])
    }
}

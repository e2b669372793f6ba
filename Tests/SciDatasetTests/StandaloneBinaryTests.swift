import Foundation
import Testing

/// The dataset is built into the binary: a copy of it alone in an empty
/// folder still has every table.
@Suite struct StandaloneBinaryTests {
    @Test func aCopiedBinaryQueriesTheDatasetFromAnEmptyFolder() throws {
        let built = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scicity")
        guard FileManager.default.fileExists(atPath: built.path) else {
            Issue.record("the scicity binary was not built at \(built.path)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-alone-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("scicity")
        try FileManager.default.copyItem(at: built, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scicity"])

        let process = Process()
        process.executableURL = copy
        process.currentDirectoryURL = folder
        process.arguments = ["-c", "entities | where id == \"jinfeng_lab\" | select name", "-c", ".tables", "--csv"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.hasPrefix("name\n金凤实验室\n"))
        #expect(output.contains("metrics,13,7,dataset"))
    }
}

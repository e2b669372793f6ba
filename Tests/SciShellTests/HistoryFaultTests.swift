import Foundation
import SciShell
import Testing

/// The history write failing part-way, as the other writes do under
/// `FaultInjectionTests`: the disk filling up, or Ctrl-C. The history kept
/// before is intact, no temporary file is left, and the failure is told
/// (the prompt shows it once as `history not saved: …`).
@Suite struct HistoryFaultTests {
    @Test(arguments: [WriteFault.Kind.diskFull, .interrupted])
    func aHistoryWriteThatFailsPartWayLosesNothing(kind: WriteFault.Kind) throws {
        let folder = NSTemporaryDirectory() + "scicity-history-fault-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history"
        var history = HistoryFile(path: path)
        var entries: [String] = []
        #expect(history.append("article | count", pending: &entries) == nil)
        #expect(history.append("people | where name == \"卞修武\"", pending: &entries) == nil)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        history.writeFault = WriteFault(afterBytes: 10, kind: kind)
        let failure = history.append("metrics | summarize n = count() by unit", pending: &entries)
        if kind == .diskFull {
            #expect(failure == "error: cannot write \(path): No space left on device")
        } else {
            #expect(failure == "interrupted")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["history"])
        // The next write, with room again, saves everything.
        history.writeFault = nil
        #expect(history.append("entities | count", pending: &entries) == nil)
        #expect(HistoryFile(path: path).load() == ["article | count", "people | where name == \"卞修武\"", "metrics | summarize n = count() by unit", "entities | count"])
    }
}

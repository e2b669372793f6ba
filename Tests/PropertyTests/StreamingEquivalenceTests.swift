import Foundation
import SciEngine
import SciIO
@testable import SciPlan
import SciLanguage
import Testing

/// Random pipelines over random files, run with each file read whole and
/// read a few rows at a time (blocks of 40 bytes, so a file of a few rows
/// is several blocks, and records with quoted line breaks straddle them):
/// the same rows in the same order, or the same error. Seeded.
@Suite struct StreamingEquivalenceTests {
    static let caseCount = 1500

    @Test func pipelinesGiveTheSameRowsReadABlockAtATime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-stream-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var streamed = 0
        for seed in 0..<UInt64(Self.caseCount) {
            let (whole, sources, random, _) = try SQLDifferentialTests.world(seed: seed, folder: folder)
            var blocks = whole
            blocks.blockBytes = 40
            var generator = RandomPipelines(random: random, harness: whole, sources: sources.filter { $0.hasPrefix("load") })
            let pipeline = generator.pipeline()
            let a = whole.run(pipeline), b = blocks.run(pipeline)
            switch (a, b) {
            case (.success(let x), .success(let y)):
                if let difference = difference(x, y) { Issue.record("seed \(seed), whole vs blocks: \(difference)\n  \(pipeline)") }
                // A pipeline that streams must not have fallen back to the whole file.
                if var node = try? blocks.plan(pipeline) {
                    // The highest stage that streams: the executor meets it first.
                    while Streaming.load(under: Streaming.reducer(node).1) == nil, let input = node.inputs.first { node = input }
                    do {
                        let direct = try Streaming(executor: PlanExecutor(catalog: blocks)).run(node)
                        if direct != nil { streamed += 1 }
                    } catch {
                        Issue.record("seed \(seed): the blocks failed where the whole file ran: \(error)\n  \(pipeline)")
                    }
                }
            case (.failure(let x), .failure(let y)):
                #expect(x == y, "seed \(seed)\n  \(pipeline)")
            default:
                Issue.record("seed \(seed), whole vs blocks: \(a) vs \(b)\n  \(pipeline)")
            }
        }
        // Enough of them have a shape that streams, or the test proves little.
        #expect(streamed > Self.caseCount / 5, "only \(streamed) pipelines streamed")
    }
}

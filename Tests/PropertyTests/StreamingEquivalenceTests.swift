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

    /// An inner, left, semi or anti join streams its incoming rows against
    /// the other side's rows, made once; `right` and `full` do not stream
    /// (their unmatched rows come after all others).
    @Test func aJoinStreamsItsIncomingRowsAgainstTheOtherSideMadeOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-stream-join-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let facts = folder.appendingPathComponent("facts.csv").path, sites = folder.appendingPathComponent("sites.csv").path
        let rows = (0..<300).map { "\($0),站\($0 % 13),\($0 % 7 == 0 ? "" : "\($0 % 11).\($0 % 10)")" }
        try Data((["id,site,v"] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: facts))
        try Data((["site,region"] + (0..<10).map { "站\($0),区\($0 % 3)" }).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: sites))
        let whole = Harness()
        var blocks = whole
        blocks.blockBytes = 64
        for kind in ["", "left ", "semi ", "anti ", "right ", "full "] {
            let pipeline = #"load "\#(facts)" | join \#(kind)load "\#(sites)" on site == site | summarize n = count(), s = sum(v), m = avg(v) by id % 4"#
            let streamed = try Streaming(executor: PlanExecutor(catalog: blocks)).run(try blocks.plan(pipeline))
            #expect((streamed != nil) == !["right ", "full "].contains(kind), "join \(kind)")
            guard case .success(let expected) = whole.run(pipeline), case .success(let actual) = blocks.run(pipeline) else {
                Issue.record("join \(kind) failed")
                continue
            }
            #expect(difference(expected, actual) == nil, "join \(kind)")
            if let streamed { #expect(difference(expected, streamed) == nil, "join \(kind) streamed") }
        }
    }

    /// Row-wise stages over a large file hand their rows on a block at a
    /// time (what an export writes as it goes): several parts, whose rows
    /// together are the whole run's; a reducing stage is not handed on.
    @Test func rowWiseStagesHandTheirRowsOnABlockAtATime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-parts-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let facts = folder.appendingPathComponent("facts.csv").path
        try Data((["id,name,v"] + (0..<100_000).map { "\($0),名\($0 % 7),\($0 % 5 == 0 ? "" : "\($0 % 9).5")" }).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: facts))
        // The reader looks at the file's first megabyte for its header, so
        // the file is larger than that.
        var blocks = Harness()
        blocks.blockBytes = 64 << 10
        let pipeline = #"load "\#(facts)" | where v > 2 | derive w = v * 2"#
        var parts: [Table] = []
        let streaming = Streaming(executor: PlanExecutor(catalog: blocks))
        #expect(try streaming.runInParts(try blocks.plan(pipeline)) { parts.append($0) })
        #expect(parts.count > 10)
        guard case .success(let whole) = Harness().run(pipeline) else { Issue.record("the whole run failed"); return }
        #expect(difference(whole, try Streaming.concatenate(parts, schema: try blocks.plan(pipeline).schema)) == nil)
        #expect(try !streaming.runInParts(try blocks.plan(pipeline + " | count")) { _ in Issue.record("a count was handed on") })
    }
}

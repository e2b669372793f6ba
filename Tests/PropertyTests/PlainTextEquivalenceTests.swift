import Foundation
import SciEngine
import SciIO
import SciPlan
import Testing

/// Random pipelines over random tables whose text is kept as plain lists
/// (in memory, read from files, and read a block at a time) give the rows
/// the same pipelines give over dictionaries. Seeded.
@Suite struct PlainTextEquivalenceTests {
    static let caseCount = 1500

    @Test func plainTextGivesTheRowsOfDictionaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-plain-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var ran = 0
        for seed in 0..<UInt64(Self.caseCount) {
            let (harness, sources, random) = try RewriteEquivalenceTests.world(seed: seed, folder: folder)
            var generator = RandomPipelines(random: random, harness: harness, sources: sources)
            let pipeline = generator.pipeline()
            let reference = harness.run(pipeline)
            var plain = harness
            plain.tables = harness.tables.mapValues { table in
                Table(fields: table.fields, columns: table.columns.map { $0.plain() }, rowCount: table.rowCount)
            }
            // A chunk becomes a plain list after its first string.
            plain.plainTextSample = 1
            var blocks = plain
            blocks.blockBytes = 40
            for (name, other) in [("plain", plain), ("plain blocks", blocks)] {
                let result = other.run(pipeline)
                switch (reference, result) {
                case (.success(let a), .success(let b)):
                    if let difference = difference(a, b) { Issue.record("seed \(seed), dictionary vs \(name): \(difference)\n  \(pipeline)") }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "seed \(seed), dictionary vs \(name)\n  \(pipeline)")
                default:
                    Issue.record("seed \(seed), dictionary vs \(name): \(reference) vs \(result)\n  \(pipeline)")
                }
            }
            if case .success = reference { ran += 1 }
        }
        #expect(ran > Self.caseCount / 2, "only \(ran) of \(Self.caseCount) pipelines ran")
    }
}

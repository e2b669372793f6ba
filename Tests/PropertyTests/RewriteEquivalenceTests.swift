import Foundation
import SciEngine
import SciIO
import SciPlan
import Testing

/// Random tables × random pipelines: every rewrite the executor makes for
/// speed must leave the rows as they are, every result must survive a trip
/// through every file format, and nothing may trap. Seeded: a failure
/// names its seed and pipeline, and rerunning gives the same case.
@Suite struct RewriteEquivalenceTests {
    static let caseCount = 3000
    static let rewriteChoices: [(String, Rewrites)] = [("none", []), ("projection pushdown", .projectionPushdown), ("top-N", .topN)]
    static let formats: [OutputFormat] = [.csv, .tsv, .json, .jsonl]

    /// A harness with two random tables, `t` and `u`, also as CSV files.
    static func world(seed: UInt64, folder: URL) throws -> (Harness, [String], RandomSource) {
        var random = RandomSource(seed: seed)
        var harness = Harness()
        var sources: [String] = []
        for name in ["t", "u"] {
            let table = RandomTables.table(&random, origin: name)
            harness.tables[name] = table
            let path = folder.appendingPathComponent("\(name)-\(seed).csv").path
            try Data(TableWriter.string(table, options: OutputOptions(format: .csv)).utf8).write(to: URL(fileURLWithPath: path))
            sources += [name, "load \"\(path)\""]
        }
        return (harness, sources, random)
    }

    @Test func rewritesNeverChangeTheRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-property-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var ran = 0, failedAlike = 0, roundTrips = 0
        for seed in 0..<UInt64(Self.caseCount) {
            let (harness, sources, random) = try Self.world(seed: seed, folder: folder)
            var generator = RandomPipelines(random: random, harness: harness, sources: sources)
            let pipeline = generator.pipeline()
            let reference = harness.run(pipeline, rewrites: .all)
            for (name, rewrites) in Self.rewriteChoices {
                let other = harness.run(pipeline, rewrites: rewrites)
                switch (reference, other) {
                case (.success(let a), .success(let b)):
                    if let difference = difference(a, b) {
                        Issue.record("seed \(seed), with all rewrites vs \(name): \(difference)\n  \(pipeline)")
                    }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "seed \(seed), with all rewrites vs \(name)\n  \(pipeline)")
                default:
                    Issue.record("seed \(seed), with all rewrites vs \(name): \(reference) vs \(other)\n  \(pipeline)")
                }
            }
            guard case .success(let table) = reference else { failedAlike += 1; continue }
            ran += 1
            // No file format can hold a table without columns, and a blank
            // header becomes column_N when read: not round trips to test.
            if table.columns.isEmpty || table.columnNames.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            for format in Self.formats {
                let text = TableWriter.string(table, options: OutputOptions(format: format))
                do {
                    let back: Table
                    switch format {
                    case .json, .jsonl: back = try JSONReader(fileName: "back").read(Array(text.utf8))
                    case .tsv: back = try CSVReader(fileName: "back", options: .init(delimiter: 9)).read(Array(text.utf8)).0
                    default: back = try CSVReader(fileName: "back").read(Array(text.utf8)).0
                    }
                    // A file with no rows cannot tell its columns apart from none.
                    if table.rowCount == 0, format == .json || format == .jsonl { continue }
                    if let difference = difference(table, back, exactTypes: false) {
                        Issue.record("seed \(seed), \(format) round trip: \(difference)\n  \(pipeline)")
                    }
                    roundTrips += 1
                } catch {
                    Issue.record("seed \(seed), \(format) round trip: \(error)\n  \(pipeline)")
                }
            }
        }
        // The generator must mostly make pipelines that run, or the test proves little.
        #expect(ran > Self.caseCount / 2, "only \(ran) of \(Self.caseCount) pipelines ran (\(failedAlike) failed)")
        #expect(roundTrips > Self.caseCount)
    }
}

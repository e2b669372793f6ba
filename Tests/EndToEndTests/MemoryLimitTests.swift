import Foundation
import Testing

/// A join that cannot fit is refused before it is built, with how many
/// rows it would make, and the session goes on.
@Suite struct MemoryLimitTests {
    @Test func aManyToManyJoinIsRefusedAndTheSessionGoesOn() throws {
        let folder = try Binary.temporaryDirectory()
        var text = "k,v\n"
        for i in 0..<200_000 { text += "\(i % 2),\(i)\n" }
        try text.write(to: folder.appendingPathComponent("mm.csv"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["-k", "-c", ".limit memory 64MB", "-c", #"load "mm.csv" | join load "mm.csv" as b on k == k | count"#,
                                     "-c", "people | count", "--csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.errors.contains("this join would make 20,000,000,000 rows, about 633 GB, more than the memory limit of 64 MB (.limit memory)"), "\(result.errors)")
        #expect(result.text == "count\n6\n")
        // Under the default limit (half of this machine's memory) it is refused too.
        let unlimited = try Binary.run(["-c", #"load "mm.csv" | join load "mm.csv" as b on k == k | count"#], directory: folder)
        #expect(unlimited.errors.contains("this join would make 20,000,000,000 rows"))
        // One that fits runs.
        let small = try Binary.run(["-c", #"load "mm.csv" | take 10 | join load "mm.csv" as b on v == v | count"#, "--csv"], directory: folder)
        #expect(small.text == "count\n10\n")
    }

    @Test func limitShowsAndChecksItsSize() throws {
        let result = try Binary.run(["-c", ".limit memory 2GB", "-c", ".limit"])
        #expect(result.errors == "memory: 2 GB\n")
        let bad = try Binary.run(["-c", ".limit memory lots"])
        #expect(bad.errors.contains("usage: .limit memory SIZE"))
    }
}

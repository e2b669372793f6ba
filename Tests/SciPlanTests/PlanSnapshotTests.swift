import SciPlan
import Testing

/// `.plan` output for representative statements: the tree, each node's
/// columns and types, and the rewrites that show in it.
@Suite struct PlanSnapshotTests {
    func plan(_ text: String) throws -> String {
        PlanPrinter.text(try RecordingCatalog().plan(text))
    }

    @Test func aFilterAndAGroupOverAFileReadOnlyTheColumnsTheyNeed() throws {
        #expect(try plan(#"load "big.csv" | where total > 100 | summarize n = count(), s = sum(total) by district"#) == """
        summarize n = count(), s = sum(total) by district  ← a large file streams from here, a block at a time
        │  district string?, n integer, s decimal?
        └─ where total > 100
           │  district string?, total decimal?
           └─ load "big.csv" (reads 2 of 5 columns)
                 district string?, total decimal?

        """)
    }

    /// Over a large file, a summary whose aggregates merge streams; a sort
    /// or window above a file says it holds every row.
    @Test func planSaysWhereALargeFileStreamsAndWhatHoldsEveryRow() throws {
        #expect(try plan(#"load "big.csv" | where total > 100 | summarize n = count(), top = max(total) by district | sort n desc"#) == """
        sort n desc
        │  district string?, n integer, top decimal?
        └─ summarize n = count(), top = max(total) by district  ← a large file streams from here, a block at a time
           │  district string?, n integer, top decimal?
           └─ where total > 100
              │  district string?, total decimal?
              └─ load "big.csv" (reads 2 of 5 columns)
                    district string?, total decimal?

        """)
        #expect(try plan(#"load "big.csv" | window by district sort total r = rank() | count"#).contains("window by district sort total r = rank()  ← holds every row"))
    }

    @Test func sortThenTakeIsOneTopNNode() throws {
        #expect(try plan("projects | sort value desc | take 2 | select name") == """
        select name
        │  name string
        └─ sort value desc | take 2 (keeps the top 2)
           │  name string, value decimal
           └─ table projects
                 name string, value decimal

        """)
    }

    @Test func aJoinShowsBothSidesAndAnExportItsTarget() throws {
        #expect(try plan(#"projects | join left people as p on district == district | select projects.name, p.name | export "out.csv""#) == """
        export "out.csv"
        └─ select projects.name, p.name
           │  projects.name string, p.name string?
           └─ join left people as p on district == district
              │  projects.name string, projects.district string?, p.name string?, p.district string?
              ├─ table projects
              │     name string, district string?
              └─ table people as p
                    name string, district string?

        """)
    }

    @Test func derivedColumnsCountAndDistinct() throws {
        #expect(try plan("projects | derive v2 = value * 2 | distinct district | count") == """
        count
        │  count integer
        └─ distinct district
           │  district string?
           └─ derive v2 = value * 2 (v2 not needed)
              │  district string?
              └─ table projects
                    district string?

        """)
    }
}

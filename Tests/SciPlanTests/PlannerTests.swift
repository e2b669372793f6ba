import SciEngine
import SciLanguage
import SciPlan
import Testing

/// What the planner finds before any row is read: names, types, duplicate
/// names, and each node's columns.
@Suite struct PlannerTests {
    @Test func errorsInAFilePipelineComeBeforeAnyRowIsRead() {
        let catalog = RecordingCatalog()
        #expect(catalog.failure(#"load "big.csv" | where nosuch > 1"#) == #"unknown column "nosuch""#)
        #expect(catalog.failure(#"load "big.csv" | where district > 1"#) == "cannot compare a string with an integer")
        #expect(catalog.failure(#"load "big.csv" | derive x = note + 1"#) == #"cannot apply "+" to a string and an integer"#)
        #expect(catalog.failure(#"load "big.csv" | summarize s = sum(note)"#) == "sum needs numbers, but this is a string")
        #expect(catalog.failure(#"load "big.csv" | select x = year(total)"#) == "expected a date or a timestamp, but this is a decimal")
        #expect(catalog.failure(#"load "big.csv" | where total"#) == "a condition must be true or false, but this is a decimal")
        #expect(catalog.failure(#"load "big.csv" | where day > "soon""#) == "cannot compare a date with a string; write a date as @2023-03-27")
        #expect(catalog.failure(#"load "big.csv" | select x = sum(total)"#) == "sum() is an aggregate; use it inside summarize (or window, over each row's partition)")
        #expect(catalog.failure(#"load "big.csv" | summarize total by district"#) == #"column "total" must be inside an aggregate such as sum(total), or listed after "by""#)
        #expect(catalog.failure(#"load "big.csv" | where note matches "(""#).hasPrefix(#"invalid regular expression "(""#))
        #expect(catalog.loads.isEmpty)
    }

    @Test func duplicateOutputNamesAreErrorsThatNameBoth() {
        let catalog = RecordingCatalog()
        #expect(catalog.failure("projects | summarize n = count() by district, district") == #"column "district" appears twice; name one of them with NAME = …"#)
        #expect(catalog.failure("projects | summarize n = count() by district, n = name") == #"column "n" appears twice (n = name and n = count()); name one of them with NAME = …"#)
        #expect(catalog.failure("projects | select name, name") == #"column "name" is selected twice; name one of them with NAME = …"#)
        #expect(catalog.failure("projects | join projects on name == name") == #"both sides of the join would have a column "projects.name"; name the joined table: join … as projects2 on …"#)
    }

    @Test func joinsQualifyClashingNamesByTableAndAlias() throws {
        let catalog = RecordingCatalog()
        let planned = try catalog.plan("projects | join people as p on district == district")
        #expect(planned.plan.schema.names == ["projects.name", "projects.district", "value", "year", "p.name", "p.district"])
        let selfJoin = try catalog.plan("people | join people as colleague on district == district | select people.name, colleague.name")
        #expect(selfJoin.plan.schema.names == ["people.name", "colleague.name"])
    }

    @Test func everyNodeKnowsItsTypesAndNullability() throws {
        let catalog = RecordingCatalog()
        let planned = try catalog.plan("projects | derive half = value / 2, label = name + \"!\", next = year + 1, ok = value > 1 | summarize n = count(), s = sum(year), m = max(half), a = avg(value) by district")
        let columns = planned.plan.schema.columns.map { "\($0.name) \($0.type.rawValue)\($0.nullable ? "?" : "")" }
        #expect(columns == ["district string?", "n integer", "s integer?", "m decimal?", "a decimal?"])
    }

    @Test func exportIsTheLastStageAndItsTargetIsKnownBeforeRunning() throws {
        let catalog = RecordingCatalog()
        let planned = try catalog.plan(#"load "big.csv" | select id | export "out.json" as jsonl"#)
        #expect(planned.export?.path == "out.json")
        #expect(planned.export?.format == "jsonl")
        #expect(catalog.failure(#"projects | export "x.csv" | take 1"#) == "export must be the last stage of a pipeline")
        #expect(catalog.loads.isEmpty)
    }

    @Test func aPivotOfMoreThanAThousandValuesIsRefusedSayingHowMany() throws {
        let catalog = RecordingCatalog()
        catalog.tables["wide"] = Table(named: "wide", columns: [("k", Column(.integer((0..<1001).map(Int64.init))))])
        #expect(catalog.failure("wide | pivot k, count()") == "pivot would make 1001 columns, more than 1000; pivot a column with fewer values")
        catalog.tables["narrow"] = Table(named: "narrow", columns: [("k", Column(.integer([2, 1, 2])))])
        #expect(try catalog.plan("narrow | pivot k, count()").plan.schema.names == ["1", "2"])
    }
}

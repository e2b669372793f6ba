import Testing

/// Each stage on the article's dataset, compared as CSV.
@Suite struct StageTests {
    @Test func whereKeepsOnlyTrueRows() {
        #expect(csv(#"entities | where kind == "lab" | select id"#) == "id\njinfeng_lab\nshenzhen_bay_lab\nindustrial_software_lab\nintelligent_vehicle_lab\n")
    }

    @Test func selectRenamesComputesAndOrders() {
        #expect(csv(#"people | where id == "dong_chen" | select en = name_en, name, n = length(name)"#) == "en,name,n\nDong Chen,董晨,2\n")
    }

    @Test func selectingAColumnTwiceIsAnError() {
        #expect(failure("people | select name, name") == #"column "name" is selected twice; name one of them with NAME = …"#)
    }

    @Test func deriveAddsReplacesAndChains() {
        #expect(csv(#"metrics | where unit == "亩" | derive value = value * 2, half = value / 4 | select value, half"#) == "value,half\n256,64\n206,51.5\n")
    }

    @Test func sortIsStableWithNullsLastBothWays() {
        let ascending = csv(#"entities | where kind == "lab" | sort since | select id, since"#)
        #expect(ascending == "id,since\njinfeng_lab,2022-06\nshenzhen_bay_lab,\nindustrial_software_lab,\nintelligent_vehicle_lab,\n")
        let descending = csv(#"entities | where kind == "lab" | sort since desc | select id"#)
        #expect(descending == "id\njinfeng_lab\nshenzhen_bay_lab\nindustrial_software_lab\nintelligent_vehicle_lab\n")
    }

    @Test func sortOrdersChineseByCodePoint() {
        #expect(csv(#"people | where title contains "院士" | sort name | select name"#) == "name\n卞修武\n段树民\n董晨\n赵宇亮\n")
    }

    @Test func sortByTwoKeysAndTake() {
        #expect(csv("metrics | sort unit desc, value | take 3 | select unit, value") == "unit,value\n所,5000\n平方米,140000\n家,4\n")
    }

    @Test func takeKeepsTheFirstRows() {
        #expect(csv("sentences | take 2 | select id") == "id\n1\n2\n")
        #expect(csv("sentences | take 0 | count") == "count\n0\n")
    }

    @Test func summarizeGroupsInOrderOfFirstAppearance() {
        #expect(csv("metrics | summarize n = count(), total = sum(value) by unit | take 3")
            == "unit,n,total\n个,4,360\n,1,4\n亩,2,231\n")
    }

    @Test func summarizeWithoutGroupsGivesOneRowEvenWhenEmpty() {
        #expect(csv(#"metrics | where unit == "none" | summarize n = count(), s = sum(value)"#) == "n,s\n0,\n")
    }

    @Test func summarizeCombinesAggregatesInExpressions() {
        #expect(csv(#"metrics | where unit == "亩" | summarize r = round(sum(value) / count(), 1)"#) == "r\n115.5\n")
    }

    @Test func summarizeRejectsBareColumns() {
        #expect(failure("metrics | summarize value by unit") == #"column "value" must be inside an aggregate such as sum(value), or listed after "by""#)
    }

    @Test func distinctOnColumnsAndOnWholeRows() {
        #expect(csv("metrics | distinct qualifier") == "qualifier\nexact\nover\nabout\ntarget\n")
        #expect(csv("events | select entity | distinct | count") == "count\n6\n")
    }

    @Test func countCountsRows() {
        #expect(csv("people | count") == "count\n6\n")
    }

    @Test func joinPairsRowsAndQualifiesClashingNames() {
        #expect(csv(#"people | where id == "yan_wei" | join entities on affiliation == id | select people.name, entities.name, kind"#)
            == "people.name,entities.name,kind\n严薇,上游新闻,media\n")
    }

    @Test func anAmbiguousNameAfterAJoinSaysHowToQualifyIt() {
        #expect(failure("people | join entities on affiliation == id | select name")
            == #"column "name" is ambiguous after the join; write people.name or entities.name"#)
    }

    @Test func leftJoinKeepsUnmatchedRowsWithNulls() {
        #expect(csv(#"entities | where kind == "lab" | join left people on id == affiliation | summarize n = count(), matched = count(people.id) by entities.id"#)
            == "id,n,matched\njinfeng_lab,4,4\nshenzhen_bay_lab,1,0\nindustrial_software_lab,1,0\nintelligent_vehicle_lab,1,0\n")
    }

    @Test func letSavesAResultAndATableNameAlonePrintsIt() {
        #expect(csv("let big = metrics | where value >= 1000\nbig | select value") == "value\n5000\n140000\n2000\n")
    }

    @Test func exportMustBeLast() {
        #expect(failure(#"people | export "/tmp/x.csv" | take 1"#) == "export must be the last stage of a pipeline")
    }

    @Test func unknownTablesAndColumnsGetSuggestions() {
        #expect(failure("entites | take 1") == #"unknown table "entites"; did you mean "entities"?"#)
        #expect(failure("metrics | where vaule > 3") == #"unknown column "vaule"; did you mean "value"?"#)
        #expect(failure("metrics | summarize s = summ(value)") == #"unknown function "summ"; did you mean "sum"?"#)
    }
}

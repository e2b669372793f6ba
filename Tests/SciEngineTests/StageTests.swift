import Testing

/// Each stage on small tables made by hand, compared as CSV.
@Suite struct StageTests {
    @Test func whereKeepsOnlyTrueRows() {
        #expect(csv(#"e | where kind == "lab" | select id"#) == "id\nlab\nbay\n")
    }

    @Test func selectRenamesComputesAndOrders() {
        #expect(csv(#"p | where id == "duan" | select en = name_en, name, n = length(name)"#) == "en,name,n\nDuan Shumin,段树民,3\n")
    }

    @Test func selectingAColumnTwiceIsAnError() {
        #expect(failure("p | select name, name") == #"column "name" is selected twice; name one of them with NAME = …"#)
    }

    @Test func deriveAddsReplacesAndChains() {
        #expect(csv(#"m | where unit == "亩" | derive value = value * 2, half = value / 4 | select value, half"#) == "value,half\n256,64\n206,51.5\n")
    }

    /// Code-point order: 亩 (U+4EA9) before 家 (U+5BB6); ties keep their order.
    @Test func sortIsStableWithNullsLastBothWays() {
        #expect(csv("m | sort unit | select entity, unit") == "entity,unit\nlab,%\nlab,亩\ncenter,亩\ncity,家\ncenter,平方米\ncity,\n")
        #expect(csv("m | sort unit desc | select entity, unit") == "entity,unit\ncenter,平方米\ncity,家\nlab,亩\ncenter,亩\nlab,%\ncity,\n")
    }

    @Test func sortOrdersChineseByCodePoint() {
        #expect(csv("p | sort name | select name") == "name\n严薇\n卞修武\n段树民\n甘侠义\n")
    }

    @Test func sortByTwoKeysAndTake() {
        #expect(csv("m | sort qualifier desc, value | take 3 | select qualifier, value") == "qualifier,value\nover,2000\nexact,4\nexact,5.4\n")
    }

    @Test func takeKeepsTheFirstRows() {
        #expect(csv("p | take 2 | select id") == "id\nbian\nduan\n")
        #expect(csv("p | take 0 | count") == "count\n0\n")
    }

    @Test func summarizeGroupsInOrderOfFirstAppearance() {
        #expect(csv("m | summarize n = count(), total = sum(value) by unit | take 3") == "unit,n,total\n亩,2,231\n%,1,5.4\n家,1,2000\n")
        #expect(csv("m | summarize n = count() by unit | where unit is null") == "unit,n\n,1\n")
    }

    @Test func summarizeWithoutGroupsGivesOneRowEvenWhenEmpty() {
        #expect(csv(#"m | where unit == "none" | summarize n = count(), s = sum(value)"#) == "n,s\n0,\n")
    }

    @Test func summarizeCombinesAggregatesInExpressions() {
        #expect(csv(#"m | where unit == "亩" | summarize r = round(sum(value) / count(), 1)"#) == "r\n115.5\n")
    }

    @Test func summarizeRejectsBareColumns() {
        #expect(failure("m | summarize value by unit") == #"column "value" must be inside an aggregate such as sum(value), or listed after "by""#)
    }

    @Test func distinctOnColumnsAndOnWholeRows() {
        #expect(csv("m | distinct qualifier") == "qualifier\nexact\nabout\nover\n")
        #expect(csv("m | select entity | distinct | count") == "count\n3\n")
    }

    @Test func countCountsRows() {
        #expect(csv("p | count") == "count\n4\n")
    }

    @Test func joinPairsRowsAndQualifiesClashingNames() {
        #expect(csv(#"p | where id == "yan" | join e on affiliation == id | select p.name, e.name, kind"#) == "p.name,e.name,kind\n严薇,上游新闻,media\n")
    }

    @Test func anAmbiguousNameAfterAJoinSaysHowToQualifyIt() {
        #expect(failure("p | join e on affiliation == id | select name") == #"column "name" is ambiguous after the join; write p.name or e.name"#)
    }

    @Test func leftJoinKeepsUnmatchedRowsWithNulls() {
        #expect(csv(#"e | where kind == "lab" | join left p on id == affiliation | summarize n = count(), matched = count(p.id) by e.id"#)
            == "id,n,matched\nlab,2,2\nbay,1,0\n")
    }

    @Test func aSelfJoinNeedsAnAliasAndThenBothSidesCanBeSelected() {
        #expect(failure("p | join p on affiliation == affiliation").hasPrefix(#"both sides of the join would have a column "p.id""#))
        #expect(csv("p | join p as q on affiliation == affiliation | where p.id < q.id | select p.name, q.name") == "p.name,q.name\n卞修武,段树民\n")
    }

    @Test func exportMustBeLast() {
        #expect(failure(#"p | export "/tmp/x.csv" | take 1"#) == "export must be the last stage of a pipeline")
    }

    @Test func unknownTablesAndColumnsGetSuggestions() {
        #expect(failure("mm | take 1") == #"unknown table "mm"; did you mean "m"?"#)
        #expect(failure("m | where vaule > 3") == #"unknown column "vaule"; did you mean "value"?"#)
        #expect(failure("m | summarize s = summ(value)") == #"unknown function "summ"; did you mean "sum"?"#)
    }
}

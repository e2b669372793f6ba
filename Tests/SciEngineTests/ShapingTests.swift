import Testing
import SciEngine

/// The shaping stages on small tables made by hand: ties, nulls, empty
/// input and Chinese keys, each worked out by hand.
@Suite struct ShapingTests {
    @Test func rankingWithTiesAndNullsLast() {
        #expect(csv("m | window by qualifier sort as_of r = rank(), d = dense_rank(), n = row_number() | select qualifier, as_of, r, d, n")
            == "qualifier,as_of,r,d,n\nexact,2023-03-27,2,2,2\nabout,2023-03-31,1,1,1\nexact,2023-03-27,2,2,3\nover,,1,1,1\nabout,2023-03-31,1,1,2\nexact,2022-06,1,1,1\n")
    }

    @Test func aNullKeyIsAPartitionOfItsOwnAndSharesUseTheWholePartition() {
        #expect(csv("m | window by unit c = count() | select unit, c") == "unit,c\n亩,2\n亩,2\n%,1\n家,1\n平方米,1\n,1\n")
        #expect(csv(#"m | where unit in ("亩", "家") | window by unit share = round(value / sum(value), 3) | select unit, share"#)
            == "unit,share\n亩,0.554\n亩,0.446\n家,1\n")
    }

    @Test func lagLeadRunningTotalsAndMovingAverages() {
        #expect(csv("m | window by entity sort value p = lag(value), q = lead(value, 1, 0) | select entity, value, p, q")
            == "entity,value,p,q\nlab,128,5.4,0\ncenter,103,,140000\nlab,5.4,,128\ncity,2000,4,0\ncenter,140000,103,0\ncity,4,,2000\n")
        #expect(csv("m | window by entity sort value c = cumsum(value), a = moving_avg(value, 2) | select entity, value, c, a")
            == "entity,value,c,a\nlab,128,133.4,66.7\ncenter,103,103,103\nlab,5.4,5.4,5.4\ncity,2000,2004,1002\ncenter,140000,140103,70051.5\ncity,4,4,4\n")
        #expect(csv("m | window by entity sort value desc top = first(unit), bottom = last(unit) | select entity, top, bottom")
            == "entity,top,bottom\nlab,亩,%\ncenter,平方米,亩\nlab,亩,%\ncity,家,\ncenter,平方米,亩\ncity,家,\n")
    }

    @Test func windowOnNoRowsAndWindowFunctionsOutsideWindow() {
        #expect(csv("m | take 0 | window r = rank()") == "entity,value,unit,as_of,qualifier,r\n")
        #expect(failure("m | select r = rank()") == "rank() is a window function; use it inside window")
        #expect(failure("m | window r = lag(value, -1)") == "expected a whole number of rows, 0 or more, but this is an integer")
    }

    @Test func takeByKeepsTheFirstRowsOfEachGroup() {
        #expect(csv("m | sort value | take 1 by unit | select unit, value") == "unit,value\n,4\n%,5.4\n亩,103\n家,2000\n平方米,140000\n")
        #expect(csv("m | take 2 by entity | select entity, value") == "entity,value\nlab,128\ncenter,103\nlab,5.4\ncity,2000\ncenter,140000\ncity,4\n")
        #expect(csv("m | take 0 by entity | count") == "count\n0\n")
    }

    @Test func appendMatchesByNameAndWidensNumbers() {
        #expect(csv("m | select id = entity, value | append e | count") == "count\n10\n")
        #expect(csv("m | select id = entity, value | append e | take 1") == "id,value,name,kind\nlab,128,,\n")
        #expect(csv("p | derive value = 1 | select value | append m | select value | take 5") == "value\n1\n1\n1\n1\n128\n")
        #expect(failure("m | rename value as name | append e") == #"cannot append: column "name" is a decimal here and a string in e"#)
        #expect(failure("m | select value | append e") == "cannot append: e has no column in common with these rows (here: value; there: id, name, kind); rename columns to match first")
    }

    @Test func joinKindsAndNullKeys() {
        #expect(csv("p | join semi e on affiliation == id | select id") == "id\nbian\nduan\nyan\n")
        #expect(csv("p | join anti e on affiliation == id | select id") == "id\ngan\n")
        #expect(csv("p | join right e on affiliation == id | select p.id, e.id") == "p.id,e.id\nbian,lab\nduan,lab\nyan,news\n,center\n,bay\n")
        #expect(csv("p | join full e on affiliation == id | select p.id, e.id") == "p.id,e.id\nbian,lab\nduan,lab\nyan,news\ngan,\n,center\n,bay\n")
        #expect(csv("m | join m as n on entity == entity and unit == unit | count") == "count\n5\n")
    }

    @Test func pivotAndUnpivot() {
        #expect(csv("m | pivot qualifier, count() by entity") == "entity,about,exact,over\nlab,,2,\ncenter,2,,\ncity,,1,1\n")
        #expect(csv("m | pivot unit, sum(value)") == "%,亩,家,平方米\n5.4,231,2000,140000\n")
        #expect(csv(#"m | select entity, unit, qualifier | unpivot unit, qualifier into k, v | where entity == "city""#)
            == "entity,k,v\ncity,unit,家\ncity,qualifier,over\ncity,qualifier,exact\n")
        #expect(failure("m | unpivot value, unit into k, v").hasPrefix("cannot unpivot columns of different types"))
    }

    @Test func dropAndRename() {
        #expect(csv("p | drop name_en, affiliation | take 1") == "id,name\nbian,卞修武\n")
        #expect(csv("p | rename name as 姓名 | select 姓名 | take 1") == "姓名\n卞修武\n")
        #expect(failure("p | rename name as id") .hasPrefix(#"rename would give two columns named "id""#))
    }

    @Test func describeGivesOneRowPerColumn() {
        #expect(csv("m | describe | select column, count, nulls, distinct, min, max")
            == "column,count,nulls,distinct,min,max\nentity,6,0,3,center,lab\nvalue,6,0,6,4,140000\nunit,5,1,4,%,平方米\nas_of,5,1,3,2022-06,2023-03-31\nqualifier,6,0,3,about,over\n")
        #expect(csv("m | describe | where column == \"value\" | select mean, median") == "mean,median\n23706.7333333333,115.5\n")
        #expect(csv("m | take 0 | describe | select column, count, min") == "column,count,min\nentity,0,\nvalue,0,\nunit,0,\nas_of,0,\nqualifier,0,\n")
    }

    /// Long tables are described a column per core, short ones on the
    /// calling thread (1 << 15 rows is the line): the same answers either side.
    @Test(arguments: [999, 40_001])
    func describeGivesTheSameStatisticsOnOneThreadAsOnMany(rows: Int) throws {
        let table = Table(named: nil, columns: [
            ("n", Column.from((0..<rows).map { .integer(Int64($0)) })!),
            ("t", Column.from((0..<rows).map { $0 % 10 == 9 ? .null : .string("科\($0 % 7)") })!),
        ])
        let described = try Stages.describe(table)
        func row(_ k: Int) -> [String] { described.columns.map { $0.isNull(k) ? "∅" : $0[k].description } }
        let middle = "\((rows - 1) / 2)"
        #expect(row(0) == ["n", "integer", "\(rows)", "0", "\(rows)", "0", "\(rows - 1)", middle, row(0)[8], middle, "0"])
        // The sample deviation of 0 ..< n is √(n(n + 1) / 12).
        let deviation = (Double(rows) * Double(rows + 1) / 12).squareRoot()
        #expect(abs((Double(row(0)[8]) ?? 0) - deviation) < 1e-6)
        #expect(row(1) == ["t", "string", "\(rows - rows / 10)", "\(rows / 10)", "7", "科0", "科6", "∅", "∅", "∅", row(1)[10]])
    }

    /// A decimal column's median is its exact midpoint (divided as `/`
    /// divides) made a double: 5.1 and 19.99 give 12.545, where the mean of
    /// their doubles is 12.544999999999998; a deviation is Welford's over
    /// the sorted values, as the stddev aggregate's.
    @Test func describeTakesADecimalMedianFromItsExactMidpoint() {
        #expect(csv("m | where value < 100 | derive v = value + 1.09 | describe | where column == \"v\" | select median") == "median\n5.79\n")
        #expect(csv("m | where value < 20 | derive v = case when value > 5 then 19.99 else 5.1 end | describe | where column == \"v\" | select median") == "median\n12.545\n")
        #expect(csv("m | describe | where column == \"value\" | select stddev") == csv("m | summarize stddev = stddev(value)"))
    }

    @Test func sampleIsRepeatableWithASeed() {
        #expect(csv("m | sample 2 seed 7 | count") == "count\n2\n")
        #expect(csv("m | sample 3 seed 7") == csv("m | sample 3 seed 7"))
        #expect(csv("m | sample 10 | count") == "count\n6\n")
    }
}

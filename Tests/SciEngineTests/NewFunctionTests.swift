import SciIO
import Testing

/// case, the text functions that build and cut text, regular expressions,
/// numbers, and the statistics aggregates: nulls, empty text, Chinese and
/// arguments out of range.
@Suite struct NewFunctionTests {
    func value(_ expression: String) -> String {
        let out = csv("one | select v = \(expression)")
        guard out.hasPrefix("v\n") else { return out }
        return String(out.dropFirst(2).dropLast())
    }

    @Test func caseTakesTheFirstTrueArm() {
        #expect(csv("m | take 4 | select c = case when value > 1000 then \"big\" when value > 100 then \"mid\" else \"small\" end") == "c\nmid\nmid\nsmall\nbig\n")
        // No else: null. A null condition passes on to the next arm.
        #expect(value("case when 1 > 2 then 1 end") == "")
        #expect(value("case when null then 1 when true then 2 end") == "2")
        // Integers and decimals together give decimals.
        #expect(csv("m | take 3 | select c = case when value > 100 then 1 else 0.5 end") == "c\n1\n1\n0.5\n")
        // A column may still be called case.
        #expect(csv("m | take 1 | select case = 1 | select x = case") == "x\n1\n")
    }

    @Test func caseComputesAnArmOnlyForTheRowsThatTakeIt() {
        // 9223372036854775807 + value would overflow on every row; no row takes that arm.
        #expect(csv("m | take 2 | select c = case when value < 0 then 9223372036854775807 + 1 else 1 end") == "c\n1\n1\n")
        #expect(failure("m | select c = case when value > 0 then 9223372036854775807 + 1 end").hasPrefix("integer overflow"))
        // Each row's value comes from its own arm, in the rows' order.
        #expect(csv("m | select c = case when unit == \"亩\" then entity when unit is null then \"none\" else qualifier end") == "c\nlab\ncenter\nexact\nover\nabout\nnone\n")
    }

    @Test func caseArmsOfDifferentTypesAreAnErrorNamingTheArm() {
        #expect(failure("m | select c = case when value > 1 then \"a\" when value > 2 then 3 end") == "case needs one type from every arm, but arm 2 gives an integer and arm 1 gives a string")
        #expect(failure("m | select c = case when value > 1 then @2023-01-01 else true end") == "case needs one type from every arm, but else gives a true/false value and arm 1 gives a date")
        #expect(failure("m | select c = case when unit then 1 end") == "a condition must be true or false, but this is a string")
    }

    @Test func aCaseOfAHundredThousandArmsRuns() {
        let arms = (0..<100_000).map { "when value == \($0) then \($0)" }.joined(separator: " ")
        #expect(csv("m | take 2 | select c = case \(arms) else -1 end") == "c\n128\n103\n")
    }

    @Test func concatTakesNullAsEmpty() {
        #expect(value("concat(\"科学\", null, \"城\", 1, 2.5, @2023-03-31, true)") == "科学城12.52023-03-31true")
        #expect(value("concat(null)") == "\"\"")
        #expect(value("concat(\"\")") == "\"\"")
    }

    @Test func splitGivesTheNthPartOrNull() {
        #expect(value("split(\"西部,科学城,重庆\", \",\", 2)") == "科学城")
        #expect(value("split(\"a,,b\", \",\", 2)") == "\"\"")
        #expect(value("split(\"a,b\", \",\", 3)") == "")
        #expect(value("split(\"a,b\", \",\", 0)") == "")
        #expect(value("split(\"a,b\", \",\", -1)") == "")
        #expect(value("split(\"a,b\", \"\", 1)") == "", "an empty separator cuts nothing out")
        #expect(value("split(\"\", \",\", 1)") == "\"\"")
        #expect(value("split(null, \",\", 1)") == "")
        #expect(value("split(\"科学城科学\", \"学\", 2)") == "城科")
    }

    @Test func paddingCountsDisplayColumns() {
        #expect(value("lpad(\"42\", 5, \"0\")") == "00042")
        #expect(value("rpad(\"ab\", 5, \"xy\")") == "abxyx")
        #expect(value("lpad(\"科学\", 6, \".\")") == "..科学", "two Chinese characters take four columns")
        #expect(value("rpad(\"科学\", 6)") == "\"科学  \"")
        #expect(value("lpad(\"a\", 4, \"中\")") == "中 a", "a wide fill character that does not fit is a space")
        #expect(value("lpad(\"科学城\", 4)") == "科学", "cut to what fits")
        #expect(value("lpad(\"科学城\", 5)") == "科学", "one column short rather than half a character")
        #expect(value("lpad(\"abc\", 0)") == "\"\"")
        #expect(value("lpad(\"abc\", -3)") == "\"\"")
        #expect(value("lpad(\"abc\", 5, \"\")") == "abc", "an empty fill pads nothing")
        #expect(value("lpad(\"\", 2, \"*\")") == "**")
        // A fill of one-column characters is made as bytes: whole copies, then its start.
        #expect(value("lpad(\"x\", 8, \"abc\")") == "abcabcax")
        #expect(value("rpad(\"科\", 9, \"0\")") == "科0000000")
        // A fill character with a combining mark (e and U+0301) keeps it, the last copy too.
        #expect(value("lpad(\"x\", 4, \"e\u{301}\")") == "e\u{301}e\u{301}e\u{301}x")
        #expect(value("lpad(\"x\", 4, \"中e\u{301}\")") == "中e\u{301}x")
        #expect(value("lpad(null, 3)") == "")
        #expect(value("lpad(\"a\", null)") == "")
        #expect(failure("one | select v = lpad(\"a\", 5000000000)") == "lpad and rpad pad to at most 1000000 columns, not 5000000000")
    }

    @Test func extractFindsTheFirstMatch() {
        #expect(value("extract(\"占地面积128亩，103亩\", \"([0-9]+)亩\", 1)") == "128")
        #expect(value("extract(\"占地面积128亩\", \"[0-9]+亩\")") == "128亩")
        #expect(value("extract(\"abc\", \"[0-9]+\")") == "", "null when nothing matches")
        #expect(value("extract(\"b\", \"(a)|(b)\", 1)") == "\"\"", "a group that took no part is empty text")
        #expect(value("extract(\"\", \"^$\")") == "\"\"")
        #expect(value("extract(null, \"a\")") == "")
        #expect(value("extract(\"金凤实验室\", \"^(..)\", 1)") == "金凤", "a Chinese character is one")
        #expect(failure("one | select v = extract(title, \"[0-9\")").hasPrefix("invalid regular expression \"[0-9\""))
        #expect(failure("one | select v = extract(title, \"(a)\", 2)") == "the regular expression has 1 group, so there is no group 2")
        #expect(failure("one | select v = extract(title, \"a\", -1)") == "expected a group number (a whole number, 0 or more, written out), but this is an integer")
    }

    @Test func regexpReplaceReplacesEveryMatch() {
        #expect(value("regexp_replace(\"a1b22c\", \"[0-9]+\", \"#\")") == "a#b#c")
        #expect(value("regexp_replace(\"金凤实验室\", \"(实验)(室)\", \"\\\\2\\\\1\")") == "金凤室实验")
        #expect(value("regexp_replace(\"abc\", \"x*\", \"-\")") == "-a-b-c-")
        #expect(value("regexp_replace(\"ab\", \"b\", \"<\\\\0>\")") == "a<b>")
        #expect(value("regexp_replace(\"a$b\", \"[$]\", \"\\\\\\\\\")") == "a\\b")
        #expect(value("regexp_replace(\"\", \"a\", \"b\")") == "\"\"")
        #expect(value("regexp_replace(null, \"a\", \"b\")") == "")
        #expect(failure("one | select v = regexp_replace(title, \"(a)\", \"\\\\2\")") == "the replacement refers to group 2, but the regular expression has 1")
        #expect(failure("one | select v = regexp_replace(title, \"a\", \"\\\\q\")").hasPrefix("\\q in the replacement"))
        #expect(failure("one | select v = regexp_replace(title, \"(\", \"\")").hasPrefix("invalid regular expression"))
    }

    @Test func aPatternFromAColumnIsCompiledPerPattern() {
        #expect(csv("e | select v = extract(name, kind)") == "v\n\n\n\n\n")
        #expect(csv("e | select v = regexp_replace(name, id, \"!\")") == "v\n金凤实验室\n科学中心\n上游新闻\n深圳湾实验室\n")
    }

    @Test func numbersWithoutAnAnswerAreNull() {
        #expect(value("sqrt(-1)") == "")
        #expect(value("ln(0)") == "")
        #expect(value("log10(-5)") == "")
        #expect(value("pow(0, -1)") == "")
        #expect(value("pow(-8, 0.5)") == "")
        #expect(value("exp(1000)") == "")
        #expect(value("sqrt(null)") == "")
        #expect(value("pow(2, null)") == "")
        // Every output format says null, never inf or nan.
        let table = try? Fixture.shared.run("one | select a = exp(1000), b = sqrt(-1)")
        for format in [OutputFormat.table, .csv, .json, .markdown] {
            let text = table.map { TableWriter.string($0, options: OutputOptions(format: format)) } ?? "no table"
            #expect(!text.contains("inf") && !text.contains("nan"), "\(format): \(text)")
        }
        #expect(table.map { TableWriter.string($0, options: OutputOptions(format: .json)) }?.contains("null") == true)
    }

    @Test func numbers() {
        #expect(value("floor(-2.5)") == "-3")
        #expect(value("ceil(-2.5)") == "-2")
        #expect(value("ceil(-0.5)") == "0", "never -0")
        #expect(value("trunc(-2.7)") == "-2")
        #expect(value("trunc(7)") == "7")
        #expect(value("floor(9223372036854775807)") == "9223372036854775807", "an integer stays exact")
        #expect(value("sqrt(16)") == "4")
        #expect(value("ln(1)") == "0")
        #expect(value("log10(1000)") == "3")
        #expect(value("exp(0)") == "1")
        #expect(value("pow(2, 10)") == "1024")
        #expect(value("sign(-3)") == "-1")
        #expect(value("sign(0.0)") == "0")
        #expect(value("sign(2.5)") == "1")
        #expect(failure("one | select v = sqrt(title)") == "expected a number, but this is a string")
        #expect(failure("one | select v = pow(2, title)") == "expected a number, but this is a string")
    }

    @Test func statistics() {
        #expect(csv("m | where unit == \"亩\" | summarize v = variance(value), s = stddev(value)") == "v,s\n312.5,17.6776695296637\n")
        #expect(csv("m | take 1 | summarize v = variance(value), s = stddev(value)") == "v,s\n,\n", "fewer than two values: null")
        #expect(csv("m | summarize p0 = percentile(value, 0), p50 = percentile(value, 0.5), p100 = percentile(value, 1), p90 = percentile(value, 0.9)")
                == "p0,p50,p100,p90\n4,115.5,140000,71000\n")
        #expect(csv("m | where value < 0 | summarize p = percentile(value, 0.5), m = mode(unit), s = string_agg(unit, \",\")") == "p,m,s\n,,\n")
        #expect(failure("m | summarize p = percentile(value, 1.5)") == "percentile needs a fraction from 0 to 1 written out, such as 0.9, but this is 1.5")
        #expect(failure("m | summarize p = percentile(value, value)").hasPrefix("percentile's second argument must be written out"))
        #expect(failure("m | summarize p = percentile(unit, 0.5)") == "percentile needs numbers, but this is a string")
    }

    @Test func modeBreaksTiesByFirstAppearance() {
        // 亩 twice, the others once: 亩. Among ties (once each), the first to appear.
        #expect(csv("m | summarize u = mode(unit)") == "u\n亩\n")
        #expect(csv("m | summarize q = mode(qualifier) by entity") == "entity,q\nlab,exact\ncenter,about\ncity,over\n")
        #expect(csv("p | summarize a = mode(affiliation)") == "a\nlab\n")
    }

    @Test func firstLastAndStringAggReadTheRowsInOrder() {
        #expect(csv("m | summarize f = first(unit), l = last(unit), s = string_agg(unit, \"、\") by entity")
                == "entity,f,l,s\nlab,亩,%,亩、%\ncenter,亩,平方米,亩、平方米\ncity,家,,家\n")
        #expect(failure("m | summarize s = string_agg(unit, 1)") == "string_agg needs its separator written out as text, such as \", \"")
        // Inside window, first and last are the window functions (sort order).
        #expect(csv("m | window by entity sort value f = first(value), p = percentile(value, 0.5) | select entity, value, f, p | take 2")
                == "entity,value,f,p\nlab,128,5.4,66.7\ncenter,103,103,70051.5\n")
        // Outside summarize and window, an aggregate says where it belongs.
        #expect(failure("m | select f = first(value)").hasPrefix("first() is an aggregate"))
    }
}

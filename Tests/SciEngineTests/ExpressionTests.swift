import Testing

/// Operators, functions, aggregates and SQL's three-valued logic.
@Suite struct ExpressionTests {
    func value(_ expression: String) -> String {
        let out = csv("one | select v = \(expression)")
        guard out.hasPrefix("v\n") else { return out }
        return String(out.dropFirst(2).dropLast())
    }

    @Test func arithmetic() {
        #expect(value("1 + 2 * 3") == "7")
        #expect(value("(1 + 2) * 3") == "9")
        #expect(value("7 / 2") == "3.5")
        #expect(value("7 % 3") == "1")
        #expect(value("-7 + 0.5") == "-6.5")
        #expect(value("0.1 + 0.2") == "0.3")
    }

    @Test func decimalsAreExact() {
        #expect(value("0.1 + 0.2 == 0.3") == "true")
        #expect(value("0.3 - 0.1 == 0.2") == "true")
        #expect(value("1.10 * 3") == "3.3")
        #expect(value("2.50 == 2.5") == "true")
        #expect(value("0.125 * 0.5") == "0.0625")
        #expect(value("-0.5 * 3") == "-1.5")
        #expect(value("7.1 % 0.3") == "0.2")
        #expect(value("round(2.675, 2)") == "2.68")
        #expect(value("round(-2.5)") == "-3")
        #expect(value("round(1234.5, -2)") == "1200")
        #expect(value("abs(-0.05)") == "0.05")
        // Scales beyond 18 places round half away from zero at 18.
        #expect(value("0.000000001 * 0.0000000015") == "0.000000000000000002")
    }

    @Test func quotientsAreExactWhereTheyEnd() {
        #expect(value("0.3 / 0.1") == "3")
        #expect(value("7 / 2") == "3.5")
        #expect(value("1 / 8") == "0.125")
        #expect(value("-1 / 4") == "-0.25")
        #expect(value("1 / 3") == "0.333333333333333")
        #expect(value("2 / 3") == "0.666666666666667")
        #expect(value("1 / 3 * 3") == "0.999999999999999")
        #expect(value("9007199254740993 / 1") == "9007199254740993")
        // Past 15 whole digits a quotient that does not end keeps 15 significant digits.
        #expect(value("4611686018427387904 / 3") == "1537228672809130000")
        // At most 18 places.
        #expect(value("0.0001 / 3") == "0.000033333333333333")
    }

    @Test func floatsAreForRange() {
        #expect(value("1e300 * 2") == "2e+300")
        #expect(value("1e300 > 0.5") == "true")
        #expect(value("0.1e0 + 0.2e0") == "0.30000000000000004")
        #expect(value("1.5e0 * 2") == "3")
    }

    @Test func overflowIsAnErrorInEveryNumberType() {
        #expect(failure("one | select v = 1e308 * 10").hasPrefix("float overflow"))
        #expect(failure("one | select v = 99999999999999999.9 * 100").hasPrefix("decimal overflow"))
        #expect(failure("one | select v = 9223372036854775807 * 2").hasPrefix("integer overflow"))
        #expect(failure("one | select v = -9223372036854775807 - 2").hasPrefix("integer overflow"))
        #expect(failure("one | select v = 92233720368547758.07 + 0.01").hasPrefix("decimal overflow"))
    }

    @Test func divisionByZeroIsNull() {
        #expect(value("1 / 0") == "")
        #expect(value("1 % 0") == "")
        #expect(value("(1 / 0) is null") == "true")
    }

    @Test func integerOverflowIsAnErrorNotAWrap() {
        #expect(failure("one | select v = 9223372036854775807 + 1").hasPrefix("integer overflow"))
    }

    @Test func comparisons() {
        #expect(value("1 < 2") == "true")
        #expect(value("2 <= 2.0") == "true")
        #expect(value("\"b\" > \"a\"") == "true")
        #expect(value("\"金\" != \"金\"") == "false")
        #expect(value("@2023-03-27 < @2023-03-31") == "true")
        #expect(value("@2022-06 < @2022-06-02") == "true")
        #expect(value("published == \"2023-03-31\"") == "true")
    }

    @Test func textMatching() {
        #expect(value("title contains \"十项行动\"") == "true")
        #expect(value("title startswith \"聚焦\"") == "true")
        #expect(value("title endswith \"中心\"") == "true")
        #expect(value("title matches \"^聚焦.*丨\"") == "true")
        #expect(value("outlet in (\"上游新闻\", \"x\")") == "true")
        #expect(value("outlet not in (\"上游新闻\")") == "false")
    }

    @Test func aBadRegularExpressionIsAnError() {
        let statement = "one | where title matches \"(\""
        #expect(failure(statement).hasPrefix("invalid regular expression \"(\""))
    }

    @Test func threeValuedLogic() {
        #expect(value("null and false") == "false")
        #expect(value("null and true") == "")
        #expect(value("null or true") == "true")
        #expect(value("null or false") == "")
        #expect(value("not null") == "")
        #expect(value("null == null") == "")
        #expect(value("null is null") == "true")
        #expect(value("1 is not null") == "true")
        #expect(value("null in (1, 2)") == "")
    }

    @Test func whereDropsNullConditions() {
        #expect(csv("m | where as_of > @2000-01-01 | count") == "count\n5\n")
        #expect(csv("m | where not (as_of > @2000-01-01) | count") == "count\n0\n")
        #expect(csv("m | where as_of is null | select entity, value") == "entity,value\ncity,2000\n")
    }

    @Test func functions() {
        #expect(value("lower(\"ABC\")") == "abc")
        #expect(value("upper(\"abc\")") == "ABC")
        #expect(value("length(\"金凤实验室\")") == "5")
        #expect(value("trim(\"  x  \")") == "x")
        #expect(value("round(2.345, 2)") == "2.35")
        #expect(value("round(-2.5)") == "-3")
        #expect(value("abs(-4)") == "4")
        #expect(value("year(published)") == "2023")
        #expect(value("month(published)") == "3")
        #expect(value("day(@2022-06)") == "")
        #expect(value("coalesce(null, 3)") == "3")
        #expect(value("text(1.5) + \"x\"") == "1.5x")
    }

    @Test func typeErrorsPointAtTheExpression() {
        #expect(failure("m | where unit == 3") == "cannot compare a string with an integer")
        #expect(failure("m | derive x = unit + 1") == #"cannot apply "+" to a string and an integer"#)
        #expect(failure("m | where value") == "a condition must be true or false, but this is a decimal")
        #expect(failure("m | select x = length(value)") == "expected text, but this is a decimal")
        #expect(failure("m | select x = round()") == "round takes 1 to 2 arguments, not 0: round(number[, digits])")
        #expect(failure("m | select x = sum(value)") == "sum() is an aggregate; use it inside summarize (or window, over each row's partition)")
    }

    @Test func aggregates() {
        #expect(csv("m | where unit == \"亩\" | summarize c = count(), d = count_distinct(unit), s = sum(value), a = avg(value), lo = min(value), hi = max(value), md = median(value), l = list(entity)")
            == "c,d,s,a,lo,hi,md,l\n2,1,231,115.5,103,128,115.5,\"lab, center\"\n")
        #expect(csv("m | summarize with_date = count(as_of), first = min(as_of), last = max(as_of)") == "with_date,first,last\n5,2022-06,2023-03-31\n")
    }

    @Test func decimalSumsPrintAsASpreadsheetShowsThem() {
        #expect(csv("m | derive tenth = 0.1 | take 3 | summarize s = sum(tenth)") == "s\n0.3\n")
    }

    @Test func datesOfMonthPrecisionPrintAsGivenAndSortInTime() {
        #expect(csv("m | sort as_of | take 2 | select as_of") == "as_of\n2022-06\n2023-03-27\n")
    }

    @Test func conditions() {
        #expect(value("if(1 < 2, \"yes\", \"no\")") == "yes")
        #expect(value("if(null, 1, 2)") == "2")
        #expect(value("if(true, 1, 2.5)") == "1")
        #expect(value("nullif(3, 3)") == "")
        #expect(value("nullif(3, 4)") == "3")
        #expect(value("nullif(\"N/A\", \"N/A\") is null") == "true")
        #expect(value("greatest(1, null, 3, 2)") == "3")
        #expect(value("least(\"重庆\", \"a\")") == "a")
        #expect(value("greatest(null, null)") == "")
        #expect(value("least(@2023-03, @2023-03-01)") == "2023-03-01")
        // Integers and decimals compared exactly, as == does, past 2^53 too
        // (a double took 12345678901234567 and …567.5 for the same number).
        #expect(value("greatest(12345678901234567, 12345678901234567.5)") == "12345678901234567.5")
        #expect(value("greatest(12345678901234567.0, 12345678901234567.5)") == "12345678901234567.5")
        #expect(value("least(12345678901234568, 12345678901234567.5)") == "12345678901234567.5")
        #expect(value("nullif(123456789012345678, 123456789012345677.0)") == "123456789012345678")
        #expect(value("nullif(9007199254740992.5, 9007199254740992.0)") == "9007199254740992.5")
        #expect(failure("one | select x = if(1, 2, 3)") == "expected a condition (true or false), but this is an integer")
        #expect(failure("one | select x = greatest(1, \"a\")") == "greatest needs arguments of one type, but got integer and string")
    }

    @Test func textFunctionsCountCharacters() {
        #expect(value("substr(\"金凤实验室\", 3, 2)") == "实验")
        #expect(value("substr(\"abc\", 0, 2)") == "a")
        #expect(value("substr(\"abc\", 5)") == "\"\"", "empty text, not null")
        #expect(value("substr(\"abc\", 2, -1)") == "\"\"")
        #expect(value("substr(null, 1)") == "")
        #expect(value("left(\"金凤实验室\", 2)") == "金凤")
        #expect(value("right(\"金凤实验室\", 3)") == "实验室")
        #expect(value("left(\"ab\", -1)") == "\"\"")
        #expect(value("replace(\"a-b-c\", \"-\", \"+\")") == "a+b+c")
        #expect(value("replace(\"abc\", \"\", \"x\")") == "abc")
        #expect(value("position(\"金凤实验室\", \"实验\")") == "3")
        #expect(value("position(\"abc\", \"z\")") == "0")
        #expect(value("reverse(\"重庆\")") == "庆重")
        #expect(value("length(reverse(\"e\u{301}x\"))") == "2")
        #expect(failure("one | select x = substr(\"a\", \"b\")") == "expected a whole number, but this is a string")
    }
}

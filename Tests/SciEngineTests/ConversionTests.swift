import SciEngine
import Testing

/// number(), date(), timestamp() and text(x, format): text that fits is
/// converted, anything else is null (never a guess), and a bad format is an
/// error before anything runs.
@Suite struct ConversionTests {
    func value(_ expression: String) -> String {
        let out = csv("one | select v = \(expression)")
        guard out.hasPrefix("v\n") else { return out }
        return String(out.dropFirst(2).dropLast())
    }

    @Test func numbersWithSignsSeparatorsAndExponents() {
        #expect(value(#"number(" 1,234.5 ")"#) == "1234.5")
        #expect(value(#"number("-12")"#) == "-12")
        #expect(value(#"number("+0.5")"#) == "0.5")
        #expect(value(#"number(".5")"#) == "0.5")
        #expect(value(#"number("1,234,567")"#) == "1234567")
        #expect(value(#"number("-2e3")"#) == "-2000")
        #expect(value(#"number("1.5E-2")"#) == "0.015")
        #expect(value(#"number("1.234,5", ",")"#) == "1234.5")
        #expect(value(#"number("0,25", ",")"#) == "0.25")
    }

    @Test func anythingElseIsNull() {
        for text in ["N/A", "", " ", "-", "1,23", "1234,5", "12 34", "1.", "1e", "e5", "1,234.5.6", "一千", "1e999", "１２", "$5", "5%", "--1"] {
            #expect(value("number(\"\(text)\")") == "", "number(\"\(text)\")")
        }
        #expect(value(#"number("1,234.5", ",")"#) == "")
        #expect(value("number(null)") == "")
        #expect(csv("ts | select v = number(raw)") == "v\n1234.5\n\n\n\n\n")
    }

    @Test func numberChecksItsSeparatorAndArgument() {
        #expect(failure(#"one | select v = number("1", ";")"#) == #"the decimal separator is "." or ",", not ";""#)
        #expect(failure(#"one | select v = number("1", title)"#).hasPrefix("expected the decimal separator as a literal"))
        #expect(failure("one | select v = number(12)") == "expected text, but this is an integer")
    }

    @Test func datesWithoutAFormat() {
        #expect(value(#"date("2023-03-27")"#) == "2023-03-27")
        #expect(value(#"date(" 2023/3/5 ")"#) == "2023-03-05")
        #expect(value(#"date("2023.03.27")"#) == "2023-03-27")
        #expect(value(#"date("2023年3月27日")"#) == "2023-03-27")
        #expect(value(#"date("2023年3月")"#) == "2023-03")
        #expect(value(#"date("2023-03")"#) == "2023-03")
        #expect(value(#"date("2023-02-29")"#) == "")
        #expect(value(#"date("2024-02-29")"#) == "2024-02-29")
        for text in ["2023-02-30", "2023-13-01", "2023-3-27", "2023/03-27", "27/03/2023", "2023年13月", "2023年3月32日", "", "三月", "2023-03-27T10:00:00", "12023-01-01"] {
            #expect(value("date(\"\(text)\")") == "", "date(\"\(text)\")")
        }
        #expect(value("date(@2023-03-31T23:59:59)") == "2023-03-31")
        #expect(value("date(null)") == "")
    }

    @Test func datesWithAFormat() {
        #expect(value(#"date("27/03/2023", "%d/%m/%Y")"#) == "2023-03-27")
        #expect(value(#"date("7/3/2023", "%d/%m/%Y")"#) == "2023-03-07")
        #expect(value(#"date("31 Mar 23", "%d %b %y")"#) == "2023-03-31")
        #expect(value(#"date("01-JAN-69", "%d-%b-%y")"#) == "1969-01-01")
        #expect(value(#"date("2023-090", "%Y-%j")"#) == "2023-03-31")
        #expect(value(#"date("2023-366", "%Y-%j")"#) == "")
        #expect(value(#"date("03/2023", "%m/%Y")"#) == "2023-03")
        #expect(value(#"date("30/02/2023", "%d/%m/%Y")"#) == "")
        #expect(value(#"date("27/03/2023 extra", "%d/%m/%Y")"#) == "")
        #expect(value(#"date("2023年3月27日", "%Y年%m月%d日")"#) == "2023-03-27")
        #expect(value(#"date("100%/2023/01", "100%%/%Y/%m")"#) == "2023-01")
    }

    @Test func aBadFormatIsAnErrorAtTheFormat() {
        #expect(failure(#"one | select v = date("x", "%d/%q")"#) == #"%q at character 4 of the format "%d/%q" is not a format directive; use %Y %m %d %H %M %S %y %b %j or %%"#)
        #expect(failure(#"one | select v = date("x", "%d/%m")"#).hasPrefix(#"the format "%d/%m" must give the year once"#))
        #expect(failure(#"one | select v = date("x", "%Y")"#).hasPrefix(#"the format "%Y" must give the month once"#))
        #expect(failure(#"one | select v = date("x", "%Y-%m-%d %")"#).hasPrefix("the format \"%Y-%m-%d %\" ends with a lone %"))
        #expect(failure(#"one | select v = date("x", title)"#).hasPrefix("expected a format as a literal text"))
        #expect(failure(#"one | select v = date(published, "%Y")"#).hasPrefix("a format is for reading text"))
    }

    @Test func timestamps() {
        #expect(value(#"timestamp("2023-03-27T10:00:00")"#) == "2023-03-27T10:00:00")
        #expect(value(#"timestamp("2023-03-27 10:00")"#) == "2023-03-27T10:00:00")
        #expect(value(#"timestamp("2023/3/27 09:05:01")"#) == "2023-03-27T09:05:01")
        #expect(value(#"timestamp("2023年3月27日 10:00")"#) == "2023-03-27T10:00:00")
        #expect(value(#"timestamp("2023-03-27")"#) == "2023-03-27T00:00:00")
        for text in ["2023-03-27T24:00:00", "2023-03-27T10:60", "2023-03-27T10:00:00Z", "2023-03-27T10:00:00+08:00", "2023-03-27T10:00:00.5", "2023-03", "10:00", "", "2023-02-30 10:00"] {
            #expect(value("timestamp(\"\(text)\")") == "", "timestamp(\"\(text)\")")
        }
        #expect(value(#"timestamp("27 Mar 2023, 10.33", "%d %b %Y, %H.%M")"#) == "2023-03-27T10:33:00")
        #expect(value(#"timestamp("20230327103359", "%Y%m%d%H%M%S")"#) == "2023-03-27T10:33:59")
        #expect(value("timestamp(@2023-03-27)") == "2023-03-27T00:00:00")
        #expect(value("timestamp(@2022-06)") == "2022-06-01T00:00:00")
    }

    @Test func textWithAFormat() {
        #expect(value(#"text(@2023-03-31, "%d/%m/%Y")"#) == "31/03/2023")
        #expect(value(#"text(@2023-03-31T10:33:59, "%Y年%m月%d日 %H时%M分%S秒")"#) == "2023年03月31日 10时33分59秒")
        #expect(value(#"text(@2023-03-31, "%j %b %y")"#) == "090 Mar 23")
        #expect(value(#"text(1234.5678, "%.2f")"#) == "1234.57")
        #expect(value(#"text(2, "%.0f")"#) == "2")
        #expect(value(#"text(0.125, "%.2f")"#) == "0.12")
        #expect(value(#"text(null, "%.2f")"#) == "")
        #expect(failure(#"one | select v = text(1.5, "%d/%m")"#) == #""%d/%m" is not a number format: a number format is %.Nf, with N from 0 to 15 decimal places ("%.2f")"#)
        #expect(failure(#"one | select v = text(title, "%Y")"#) == "expected a number, a date or a timestamp (to format), but this is a string")
        #expect(failure(#"one | select v = text(published, "%Q")"#).hasPrefix("%Q at character 1"))
    }

    @Test func roundTripsThroughText() {
        #expect(value(#"date(text(@2023-03-31, "%d.%m.%Y"), "%d.%m.%Y") == @2023-03-31"#) == "true")
        #expect(value("timestamp(text(@1969-12-31T23:59:59)) == @1969-12-31T23:59:59") == "true")
    }

    @Test func theParsersDirectly() {
        #expect(NumberText.parse("1.234.567,89", decimalSeparator: ",") == 1_234_567.89)
        #expect(DateText.date("  2023年3月  ")?.isMonthPrecision == true)
        #expect(DateText.timestamp("9999-12-31T23:59:59")?.seconds == TimestampValue.range.upperBound)
        #expect((try? DateFormat("%Y-%m-%d"))?.timestamp("0000-01-01")?.0.seconds == TimestampValue.range.lowerBound)
    }
}

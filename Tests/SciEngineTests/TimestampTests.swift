import SciEngine
import SciLanguage
import Testing

/// The timestamp type: literals, comparison with timestamps and dates,
/// sorting, grouping and joining, subtraction in seconds, and its parts.
@Suite struct TimestampTests {
    func value(_ expression: String) -> String {
        let out = csv("one | select v = \(expression)")
        guard out.hasPrefix("v\n") else { return out }
        return String(out.dropFirst(2).dropLast())
    }

    @Test func literalsPrintAsWrittenAndBadOnesArePositionedErrors() {
        #expect(value("@2023-03-31T10:33:59") == "2023-03-31T10:33:59")
        #expect(failure("one | select v = @2023-03-31T25:00:00").contains("is not a timestamp"))
        #expect(failure("one | select v = @2023-02-30T10:00:00").contains("is not a timestamp"))
        #expect(failure("one | select v = @2023-03-31T10:33").contains("is not a timestamp"))
    }

    @Test func subtractionGivesSecondsAndComparisonTakesDatesAsMidnight() {
        #expect(value("@2023-03-31T10:33:59 - @2023-03-31T00:00:00") == "38039")
        #expect(value("@1970-01-01T00:00:00 - @1969-12-31T23:59:59") == "1")
        #expect(value("@2023-03-31T00:00:00 == @2023-03-31") == "true")
        #expect(value("@2023-03-31T00:00:01 > @2023-03-31") == "true")
        #expect(value("@2022-06 < @2022-06-01T00:00:01") == "true")
        #expect(failure("one | select v = @2023-03-31T00:00:00 + 1").contains("cannot apply \"+\" to a timestamp and an integer"))
        #expect(failure("one | select v = @2023-03-31T00:00:00 == \"2023-03-31\"").contains("cannot compare a timestamp with a string"))
    }

    @Test func partsOfATimestampAndNulls() {
        #expect(csv("ts | select h = hour(at), m = minute(at), s = second(at), y = year(at), mo = month(at), d = day(at)")
                == "h,m,s,y,mo,d\n10,33,59,2023,3,31\n0,0,0,2023,3,27\n,,,,,\n23,59,59,1969,12,31\n10,33,59,2023,3,31\n")
        #expect(value("hour(null)") == "")
        #expect(failure("one | select v = hour(@2023-03-31)") == "expected a timestamp, but this is a date")
    }

    @Test func sortsGroupsAndJoinsOnTimestamps() {
        #expect(csv("ts | sort at | select n") == "n\n4\n2\n1\n5\n3\n")
        #expect(csv("ts | sort at desc | select n") == "n\n1\n5\n2\n4\n3\n")
        #expect(csv("ts | summarize c = count() by at") == "at,c\n2023-03-31T10:33:59,2\n2023-03-27T00:00:00,1\n,1\n1969-12-31T23:59:59,1\n")
        // The two equal timestamps match each other: 2 × 2 + 2 rows; null matches nothing.
        #expect(csv("ts | join ts as o on at == o.at | count") == "count\n6\n")
        #expect(csv("ts | summarize first = min(at), last = max(at)") == "first,last\n1969-12-31T23:59:59,2023-03-31T10:33:59\n")
    }

    @Test func theParserKeepsTimestampsApartFromDates() throws {
        let source = SourceText(name: "t", text: "@2023-03-31T10:33:59")
        var lexer = Lexer(source)
        #expect(lexer.next().kind == .date("2023-03-31T10:33:59"))
        #expect(TimestampValue.parse("2023-03-31T10:33:59")?.seconds == 1_680_258_839)
        #expect(TimestampValue(seconds: -1).description == "1969-12-31T23:59:59")
    }
}

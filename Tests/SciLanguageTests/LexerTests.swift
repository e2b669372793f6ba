import Testing
@testable import SciLanguage

@Suite struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceText(name: "t", text: text)).map(\.kind)
    }

    @Test func readsOperatorsAndLiterals() {
        #expect(kinds(#"a == 1.5 != "x" <= @2023-03-27 | b"#) == [
            .word("a"), .equal, .decimal(ExactDecimal(units: 15, scale: 1)), .notEqual, .string("x"), .lessEqual, .date("2023-03-27"), .pipe, .word("b"), .end,
        ])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("#!/usr/bin/env scicity\nentities # all of them\n") == [.newline, .word("entities"), .newline, .end])
    }

    @Test func singleAndDoubleQuotesAndDoubledQuotes() {
        #expect(kinds(#"'it''s' "say ""hi""""#) == [.string("it's"), .string(#"say "hi""#), .end])
    }

    @Test func chineseNamesNeedNoQuotes() {
        #expect(kinds("单位 == '亩'") == [.word("单位"), .equal, .string("亩"), .end])
    }

    @Test func fullWidthPunctuationSuggestsWhatItStandsFor() {
        let cases: [(String, String)] = [("｜", "\"|\""), ("，", "\",\""), ("、", "\",\""), ("（", "\"(\""), ("）", "\")\""), ("“", "'\"'"), ("”", "'\"'"), ("‘", "\"'\""), ("＝", "\"=\""), ("；", "\";\""), ("。", "\".\"")]
        for (typed, meant) in cases {
            let what = "“”‘’".contains(typed) ? "curly quote" : "full-width"
            #expect(kinds("a \(typed) b")[1] == .invalid("unexpected \(what) \"\(typed)\"; did you mean \(meant)?", incomplete: false))
        }
        #expect(kinds("a ＝＝ b")[1] == .invalid("unexpected full-width \"＝\"; did you mean \"==\"?", incomplete: false))
        #expect(kinds("a ！= b")[1] == .invalid("unexpected full-width \"！\"; did you mean \"!=\"?", incomplete: false))
        #expect(kinds("a ＜＝ b")[1] == .invalid("unexpected full-width \"＜\"; did you mean \"<=\"?", incomplete: false))
        #expect(kinds("a ¦ b")[1] == .invalid("unexpected character \"¦\"", incomplete: false))
        // Inside a string they are text.
        #expect(kinds("'｜，'") == [.string("｜，"), .end])
    }

    @Test func lineEndsInsideParenthesesDoNotEndTheStatement() {
        #expect(kinds("f(a,\nb)\n") == [.word("f"), .leftParen, .word("a"), .comma, .word("b"), .rightParen, .newline, .end])
    }

    @Test func dotCommandsTakeTheWholeLine() {
        #expect(kinds(".mode csv\n.schema metrics") == [.dotCommand(".mode csv"), .newline, .dotCommand(".schema metrics"), .end])
    }

    @Test func anUnterminatedStringIsIncomplete() {
        guard case .invalid(let message, let incomplete) = kinds(#"x == "abc"#)[2] else {
            Issue.record("expected an invalid token")
            return
        }
        #expect(message == "unterminated string")
        #expect(incomplete)
    }

    @Test func aNumberRunningIntoANameIsAnError() {
        guard case .invalid(let message, _) = kinds("12abc")[0] else {
            Issue.record("expected an invalid token")
            return
        }
        #expect(message.contains("cannot run into a name"))
    }

    @Test func hugeIntegersAreErrorsNotTraps() {
        if case .float = kinds("99999999999999999999")[0] {} else { Issue.record("expected a float") }
    }

    @Test func decimalsAreExactAndExponentsAreFloats() {
        #expect(kinds("0.1")[0] == .decimal(ExactDecimal(units: 1, scale: 1)))
        #expect(kinds("12.50")[0] == .decimal(ExactDecimal(units: 1250, scale: 2)))
        #expect(kinds("1e300")[0] == .float(1e300))
        #expect(kinds("1.5e3")[0] == .float(1500))
        // 19 places: more than a decimal holds.
        #expect(kinds("0.1234567890123456789")[0] == .float(0.1234567890123456789))
        if case .invalid(let message, _) = kinds("1e400")[0] { #expect(message.contains("too large")) } else { Issue.record("expected an error") }
    }
}

@Suite struct DisplayWidthTests {
    @Test func chineseTakesTwoColumnsAndCombiningMarksNone() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("金凤实验室") == 10)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("（重庆）") == 8)
    }

    @Test func prefixStopsBeforeAWideCharacterThatWouldOverflow() {
        #expect(DisplayWidth.prefix("金凤实验室", fitting: 5) == "金凤")
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsTheNearestName() {
        #expect(Suggestion.nearest(to: "vaule", in: ["value", "unit", "metric"]) == "value")
        #expect(Suggestion.nearest(to: "entites", in: ["entities", "events"]) == "entities")
    }

    @Test func suggestsNothingWhenNothingIsClose() {
        #expect(Suggestion.nearest(to: "zzz", in: ["value", "unit"]) == nil)
    }
}

@Suite struct CivilDateTests {
    @Test func roundTripsDays() {
        for days in stride(from: Int32(-800_000), through: 800_000, by: 997) {
            let date = CivilDate(days: days)
            #expect(date.days == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).days == 0)
        #expect(CivilDate(year: 2023, month: 3, day: 31).days == 19447)
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate.parse("2023-02-29") == nil)
        #expect(CivilDate.parse("2024-02-29") != nil)
        #expect(CivilDate.parse("2023-13") == nil)
        #expect(CivilDate.parse("2022-06")?.monthPrecision == true)
    }
}

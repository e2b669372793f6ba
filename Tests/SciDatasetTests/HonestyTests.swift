import SciDataset
import SciEngine
import SciShell
import Testing

/// Dated only where the article dates it, open lists marked open, inferred
/// values marked or gone.
@Suite struct HonestyTests: DatasetReading {
    let tables: [String: Table]
    let article = ArticleText.text
    /// sentences.id → text
    let sentences: [Int: String]

    init() throws {
        tables = try Self.loadTables()
        sentences = Self.sentenceTexts
    }

    @Test func noEventHasADateTheArticleDoesNotGive() throws {
        let published = Transcript.value("article | select d = date(published)")
        let year = String(published.prefix(4))
        let undatedHints: Set<String> = ["近期", "日前", "前不久", "目前", "最新消息"]
        for (row, event) in rows("events").enumerated() {
            let quote = (event["quote"] ?? nil) ?? ""
            let hint = (event["time_hint"] ?? nil) ?? ""
            #expect(!hint.isEmpty && quote.contains(hint), "events row \(row + 1): the time hint \(hint) is not in its quote")
            guard let date = event["date"] ?? nil else {
                #expect(event["precision"] == "undated", "events row \(row + 1): no date, but precision \(String(describing: event["precision"] ?? nil))")
                #expect(event["not_after"] == published, "events row \(row + 1): an undated event happened by the publication date")
                #expect(undatedHints.contains(hint), "events row \(row + 1): no date, but the hint \(hint) gives one")
                continue
            }
            #expect(event["not_after"] ?? nil == nil, "events row \(row + 1): a dated event has not_after")
            // The date must be the one its own words give.
            let resolved = Self.resolve(hint, year: year)
            #expect(resolved?.date == date && resolved?.precision == event["precision"], "events row \(row + 1): \(date) is not what \(hint) says")
        }
    }

    /// 2022年6月 → 2022-06 (month), 今年1月 → 2023-01 (month), 3月27日 →
    /// 2023-03-27 (day), against the publication year.
    static func resolve(_ hint: String, year: String) -> (date: String, precision: String)? {
        func two(_ s: Substring) -> String { s.count == 1 ? "0" + s : String(s) }
        let parts = hint.split(whereSeparator: { "年月日".contains($0) }).map { $0 }
        if hint.hasSuffix("日"), parts.count == 2, parts.allSatisfy({ Int($0) != nil }) {
            return ("\(year)-\(two(parts[0]))-\(two(parts[1]))", "day")
        }
        if hint.hasPrefix("今年"), hint.hasSuffix("月"), let month = Int(hint.dropFirst(2).dropLast()) {
            return ("\(year)-\(two(Substring(String(month))))", "month")
        }
        if hint.hasSuffix("月"), parts.count == 2, parts.allSatisfy({ Int($0) != nil }) {
            return ("\(parts[0])-\(two(parts[1]))", "month")
        }
        return nil
    }

    @Test func nothingIsDatedAfterTheVisitThatTheArticleDoesNotDateSo() {
        #expect(Transcript.of("events | where date > @2023-03-27", format: .csv, name: "<test>").output.split(separator: "\n").count == 1)
        #expect(Transcript.value("events | where date is null | count") == "5")
    }

    @Test func eventWordsAreTheArticlesAndEachHappeningIsOneRow() {
        for (row, event) in rows("events").enumerated() {
            let quote = (event["quote"] ?? nil) ?? ""
            // … marks words left out: the parts stand in the quote in order.
            var rest = Substring(quote)
            for part in ((event["event"] ?? nil) ?? "").components(separatedBy: "…") {
                guard let found = rest.range(of: part), !part.isEmpty else {
                    Issue.record("events row \(row + 1): \"\(part)\" is not in its quote (in order)")
                    break
                }
                rest = rest[found.upperBound...]
            }
        }
        // Rows differ in what a query shows first: when, who, what.
        let keys = rows("events").map { [$0["date"] ?? nil, $0["time_hint"] ?? nil, $0["entity"] ?? nil, $0["event"] ?? nil].map { $0 ?? "" }.joined(separator: "|") }
        #expect(Set(keys).count == keys.count, "two events rows look alike: \(keys)")
        for (row, role) in strings("people", "role").enumerated() {
            #expect(article.contains(role ?? "\u{0}"), "people row \(row + 1): the role is not the article's words")
        }
    }

    @Test func everyListEndingInDengIsMarkedOpen() {
        for table in ["relations", "claims"] {
            for (row, (quote, complete)) in zip(strings(table, "quote"), strings(table, "list_complete")).enumerated() {
                let quote = quote ?? ""
                if quote.contains("等") {
                    #expect(complete == "false", "\(table) row \(row + 1): the list ends in 等 but list_complete is \(complete ?? "null")")
                } else {
                    #expect(complete != "false", "\(table) row \(row + 1): marked open, but its quote has no 等")
                }
                if complete == "true" {
                    #expect(["、", "和", "与"].contains { quote.contains($0) }, "\(table) row \(row + 1): marked a closed list, but its quote holds no list")
                }
            }
        }
    }

    @Test func aCountOfAnOpenListSaysAtLeast() {
        let answer = Transcript.of(#"relations | where relation == "leads_research_team_at" | summarize academicians = count(), open = count_distinct(list_complete) | select academicians, open"#, format: .csv, name: "<test>").output
        #expect(answer == "academicians,open\n4,1\n")
        #expect(Transcript.value(#"relations | where relation == "leads_research_team_at" and list_complete == false | count"#) == "4")
        #expect(Transcript.value(#"relations | where relation == "has_leading_industry" and list_complete | count"#) == "4")
    }

    @Test func inferredValuesAreMarkedOrGone() {
        // 甘侠义 is named in the byline; the article does not say whom he works for.
        #expect(Transcript.value(#"people | where id == "gan_xiayi" and affiliation is null | count"#) == "1")
        #expect(Transcript.value(#"relations | where subject == "gan_xiayi" | select basis"#) == "inferred")
        // 拥有 says the lab has them, not that they are in use; 高定位建设 is an aim.
        #expect(Transcript.value(#"entities | where id in ("pathology_museum", "smart_diagnosis_system", "remote_consultation_system", "chengyu_jinfeng_science_center") and status is not null | count"#) == "0")
        // 其中 puts 完善科技创新体系 under the action for the innovation centre.
        #expect(Transcript.value(#"entities | where id == "innovation_system_improvement" | select parent"#) == "innovation_center_action")
        // The quote "作为…科技创新重点工程" says key project, not location.
        #expect(Transcript.value(#"relations | where subject == "jinfeng_lab" and relation == "located_in" | count"#) == "0")
        #expect(Transcript.value(#"metrics | where value == 330 | select metric"#) == "research_platforms_municipal_level_or_above")
        #expect(Transcript.value(#"metrics | where metric == "leading_industries" and unit is null | count"#) == "1")
    }
}

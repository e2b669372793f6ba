import SciDataset
import SciEngine
import SciShell
import Testing

/// The rules of "Faithful to the article", each as an assertion that fails
/// when a row breaks it.
@Suite struct FaithfulnessTests {
    let tables: [String: Table]
    let article = ArticleText.text

    init() throws {
        tables = Dictionary(uniqueKeysWithValues: try Dataset.load().map { ($0.name, $0.table) })
    }

    func strings(_ table: String, _ column: String) -> [String?] {
        guard let t = tables[table], let c = t.column(named: column) else { return [] }
        return (0..<t.rowCount).map { c.isNull($0) ? nil : c[$0].description }
    }

    @Test func theArticleIsTheUnchangedSeed() throws {
        let bytes = PackageResourcesProbe.articleBytes
        #expect(bytes.count == 5784)
        #expect(article.hasPrefix("聚焦“十项行动”丨持续建设高能级科创平台"))
    }

    @Test func everyQuoteIsAVerbatimSubstringOfTheArticle() {
        for table in ["metrics", "events", "relations", "claims"] {
            for (row, quote) in strings(table, "quote").enumerated() {
                let text = quote ?? ""
                #expect(!text.isEmpty && article.contains(text), "\(table) row \(row + 1): quote not in the article: \(text)")
            }
        }
        for (row, context) in strings("numerals", "context").enumerated() {
            #expect(article.contains(context ?? "\u{0}"), "numerals row \(row + 1): context not in the article")
        }
    }

    @Test func everyNameIsAsTheArticleWritesItExceptDocumentedNormalisations() {
        let normalised: Set<String> = ["上海交大重庆人工智能研究院"]
        for name in strings("entities", "name").compactMap({ $0 }) where !normalised.contains(name) {
            #expect(article.contains(name), "entity name not in the article: \(name)")
        }
        for name in strings("people", "name").compactMap({ $0 }) {
            #expect(article.contains(name), "person not in the article: \(name)")
        }
        // A normalised name must still have its article wording in a quote.
        #expect(article.contains("上海交大重庆人工智能研究等已投用平台"))
    }

    @Test func everyReferencedIdExists() {
        let entities = Set(strings("entities", "id").compactMap { $0 })
        let people = Set(strings("people", "id").compactMap { $0 })
        let checks: [(String, String, Set<String>)] = [
            ("entities", "parent", entities), ("people", "affiliation", entities),
            ("metrics", "entity", entities), ("events", "entity", entities), ("events", "counterpart", entities),
            ("relations", "subject", entities.union(people)), ("relations", "object", entities),
            ("claims", "subject", entities.union(people)), ("claims", "said_by", entities),
        ]
        for (table, column, ids) in checks {
            for (row, value) in strings(table, column).enumerated() {
                guard let value else { continue }
                #expect(ids.contains(value), "\(table).\(column) row \(row + 1): unknown id \(value)")
            }
        }
    }

    @Test func idsAreUniqueAsciiSlugs() {
        for table in ["entities", "people"] {
            let ids = strings(table, "id").compactMap { $0 }
            #expect(Set(ids).count == ids.count, "duplicate ids in \(table)")
            for id in ids {
                #expect(id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }, "not a slug: \(id)")
            }
        }
    }

    @Test func everyVocabularyIsClosed() {
        for vocabulary in Vocabularies.all {
            let allowed = Set(vocabulary.codes)
            for (table, column) in vocabulary.columns {
                #expect(tables[table]?.column(named: column) != nil, "vocabulary \(vocabulary.name): no column \(table).\(column)")
                for (row, value) in strings(table, column).enumerated() {
                    guard let value else { continue }
                    #expect(allowed.contains(value), "\(table).\(column) row \(row + 1): \(value) is not in vocabulary \(vocabulary.name)")
                }
            }
        }
        // The units are the article's own measure words, each written
        // right after its number in the quote (四大 has none: 大 is part of
        // the word).
        for (unit, quote) in zip(strings("metrics", "unit"), strings("metrics", "quote")) {
            guard let unit else { continue }
            let quote = quote ?? ""
            let afterANumber = (0...9).contains { quote.contains("\($0)\(unit)") } || quote.contains("万\(unit)") || quote.contains("多\(unit)") || quote.contains("两\(unit)")
            #expect(afterANumber, "unit \(unit) does not follow a number in its quote: \(quote)")
        }
    }

    @Test func thereAreNoDuplicateRows() {
        for (name, table) in tables {
            var seen = Set<String>()
            for row in 0..<table.rowCount {
                let key = table.columns.map { $0[row].description }.joined(separator: "\u{1}")
                #expect(seen.insert(key).inserted, "\(name) row \(row + 1) is a duplicate")
            }
        }
    }

    @Test func everyNumeralIsAccountedFor() throws {
        let scalars = Array(article.unicodeScalars)
        // Where each covering text stands in the article.
        func spans(_ text: String) -> [Range<Int>] {
            let needle = Array(text.unicodeScalars)
            guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
            return (0...(scalars.count - needle.count)).filter { Array(scalars[$0..<($0 + needle.count)]) == needle }
                .map { $0..<($0 + needle.count) }
        }
        var covered: [(Range<Int>, Set<Double>)] = []
        let metrics = try #require(tables["metrics"])
        let metricValues = try #require(metrics.column(named: "value")), metricQuotes = try #require(metrics.column(named: "quote"))
        for row in 0..<metrics.rowCount {
            let value = metricValues[row].asDouble ?? .nan
            // 约14万 is stored as 140000: the numeral 14 stands for it.
            let forms: Set<Double> = [value, value / 10_000]
            for span in spans(metricQuotes[row].description) { covered.append((span, forms)) }
        }
        let events = try #require(tables["events"])
        let eventDates = try #require(events.column(named: "date")), eventQuotes = try #require(events.column(named: "quote"))
        for row in 0..<events.rowCount {
            guard case .date(let date) = eventDates[row] else { continue }
            let civil = date.civil
            var forms: Set<Double> = [Double(civil.year), Double(civil.month)]
            if !date.isMonthPrecision { forms.insert(Double(civil.day)) }
            for span in spans(eventQuotes[row].description) { covered.append((span, forms)) }
        }
        var nonFacts: [Range<Int>] = []
        let numerals = try #require(tables["numerals"])
        for row in 0..<numerals.rowCount {
            let numeral = numerals.columns[0][row].description
            let context = numerals.columns[1][row].description
            #expect(context.contains(numeral), "numerals row \(row + 1): the context does not hold the numeral")
            nonFacts += spans(context)
        }
        for occurrence in NumeralScanner.occurrences(in: scalars) {
            let asMetricOrEvent = covered.contains { span, forms in
                span.contains(occurrence.range.lowerBound) && occurrence.value.map(forms.contains) == true
            }
            let asNonFact = nonFacts.contains { $0.contains(occurrence.range.lowerBound) && $0.contains(occurrence.range.upperBound - 1) }
            #expect(asMetricOrEvent || asNonFact, "numeral \(occurrence.text) at \(occurrence.context) is neither a fact nor listed in numerals")
        }
    }

    @Test func numbersAreNormalised() {
        #expect(Transcript.value("metrics | where metric == \"floor_area\" | select value") == "140000")
        #expect(Transcript.value("metrics | where metric == \"rd_investment_ratio\" | select unit") == "%")
    }

    @Test func relativeDatesAreResolvedAgainstThePublicationDate() {
        #expect(Transcript.value("events | where counterpart == \"shenzhen_bay_lab\" | select date") == "2023-01")
        #expect(Transcript.value("events | where entity == \"expert_group\" | select date") == "2023-03-27")
        #expect(Transcript.value("article | select published") == "2023-03-31T10:33:59")
        #expect(Transcript.value("article | select d = date(published)") == "2023-03-31")
    }

    @Test func sentencesReassembleTheArticle() {
        let joined = strings("sentences", "text").compactMap { $0 }.joined()
        let body = ArticleText.paragraphs.joined()
        #expect(joined == body)
        #expect(joined.contains("金凤实验室便是其中之一。"))
    }
}

/// Finds numerals: runs of ASCII digits (with a decimal point) and runs of
/// Chinese numeral characters.
enum NumeralScanner {
    struct Occurrence {
        let text: String
        let value: Double?
        let range: Range<Int>
        let context: String
    }

    static let chineseDigits: [Unicode.Scalar: Double] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "双": 2]

    static func occurrences(in scalars: [Unicode.Scalar]) -> [Occurrence] {
        var result: [Occurrence] = []
        var i = 0
        while i < scalars.count {
            let start = i
            var value: Double?
            if ("0"..."9").contains(scalars[i]) {
                while i < scalars.count, ("0"..."9").contains(scalars[i]) || (scalars[i] == "." && i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1])) { i += 1 }
                value = Double(String(String.UnicodeScalarView(scalars[start..<i])))
            } else if chineseDigits[scalars[i]] != nil {
                while i < scalars.count, chineseDigits[scalars[i]] != nil { i += 1 }
                value = chineseValue(Array(scalars[start..<i]))
            } else {
                i += 1
                continue
            }
            let text = String(String.UnicodeScalarView(scalars[start..<i]))
            let context = String(String.UnicodeScalarView(scalars[max(0, start - 6)..<min(scalars.count, i + 6)]))
            result.append(Occurrence(text: text, value: value, range: start..<i, context: context))
        }
        return result
    }

    /// 四 → 4, 二十 → 20, 十 → 10.
    static func chineseValue(_ scalars: [Unicode.Scalar]) -> Double? {
        var total = 0.0
        var current = 0.0
        for scalar in scalars {
            guard let digit = chineseDigits[scalar] else { return nil }
            if digit == 10 {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else {
                current = digit
            }
        }
        return total + current
    }
}

import SciEngine

/// The public schema of the built-in dataset: every table and column with
/// its type and meaning. Loading forces these types, `.schema` shows them,
/// and docs/DATASET.md is checked against them.
public struct DatasetTable: Sendable {
    public let name: String
    public let summary: String
    public let columns: [DatasetColumn]
}

public struct DatasetColumn: Sendable {
    public let name: String
    public let type: ValueType
    public let summary: String
}

public enum DatasetSchema {
    public static let tables: [DatasetTable] = [
        DatasetTable(name: "entities", summary: "Every named organisation, place, plan, programme, facility, industry and research field.", columns: [
            DatasetColumn(name: "id", type: .string, summary: "Short ASCII slug, unique (jinfeng_lab)."),
            DatasetColumn(name: "name", type: .string, summary: "The Chinese name as the article writes it."),
            DatasetColumn(name: "name_en", type: .string, summary: "An English translation."),
            DatasetColumn(name: "kind", type: .string, summary: "What it is; vocabulary `kind`."),
            DatasetColumn(name: "parent", type: .string, summary: "The entity it belongs to (an entities.id), or null."),
            DatasetColumn(name: "location", type: .string, summary: "Where it is, in the article's words, or null."),
            DatasetColumn(name: "status", type: .string, summary: "Its state as the article states it; vocabulary `status`; null when unstated."),
            DatasetColumn(name: "since", type: .date, summary: "When that state began, where the article says."),
        ]),
        DatasetTable(name: "people", summary: "Everyone the article names, the byline included.", columns: [
            DatasetColumn(name: "id", type: .string, summary: "Short ASCII slug, unique."),
            DatasetColumn(name: "name", type: .string, summary: "The Chinese name as the article writes it."),
            DatasetColumn(name: "name_en", type: .string, summary: "The name in pinyin, family name first."),
            DatasetColumn(name: "title", type: .string, summary: "The title the article gives (院士, 中国科学院院士, 上游新闻记者, 摄影)."),
            DatasetColumn(name: "role", type: .string, summary: "What the article says they do, in its words."),
            DatasetColumn(name: "affiliation", type: .string, summary: "The entity the article says they belong to (an entities.id); null when it does not say."),
        ]),
        DatasetTable(name: "metrics", summary: "Every quantity the article states.", columns: [
            DatasetColumn(name: "entity", type: .string, summary: "What the figure is about (an entities.id)."),
            DatasetColumn(name: "metric", type: .string, summary: "What is measured, an ASCII slug (land_area)."),
            DatasetColumn(name: "value", type: .decimal, summary: "The number, normalised: 约14万 becomes 140000."),
            DatasetColumn(name: "unit", type: .string, summary: "The article's own measure word (亩, 平方米, 所, 个, 家, %, 个月); null where it has none (四大)."),
            DatasetColumn(name: "qualifier", type: .string, summary: "How exact the figure is; vocabulary `qualifier`."),
            DatasetColumn(name: "as_of", type: .date, summary: "The date the figure holds at; null for a target."),
            DatasetColumn(name: "quote", type: .string, summary: "The words of the article that state it, verbatim."),
        ]),
        DatasetTable(name: "events", summary: "Everything that happened, one row per happening, dated only where the article dates it.", columns: [
            DatasetColumn(name: "date", type: .date, summary: "When, where the article gives a date, resolved against the publication date 2023-03-31 (a month-precision date shows as 2022-06); null when it gives none."),
            DatasetColumn(name: "precision", type: .string, summary: "How exact the date is; vocabulary `precision`."),
            DatasetColumn(name: "time_hint", type: .string, summary: "The article's own words that place it in time (3月27日, 近期); vocabulary `time_hint`."),
            DatasetColumn(name: "not_after", type: .date, summary: "For an undated event, the latest it can have happened: the publication date; null when dated."),
            DatasetColumn(name: "entity", type: .string, summary: "Who or what acted (an entities.id)."),
            DatasetColumn(name: "event", type: .string, summary: "What happened, in the article's words (… marks words left out)."),
            DatasetColumn(name: "event_en", type: .string, summary: "The same in English."),
            DatasetColumn(name: "counterpart", type: .string, summary: "The other party, if there is one (an entities.id); several are in relations instead."),
            DatasetColumn(name: "quote", type: .string, summary: "The words of the article that state it, verbatim."),
        ]),
        DatasetTable(name: "relations", summary: "The links that are not numbers: agreements, focus areas, locations, leadership, construction, industries, plans.", columns: [
            DatasetColumn(name: "subject", type: .string, summary: "An entities.id or a people.id."),
            DatasetColumn(name: "relation", type: .string, summary: "The link; vocabulary `relation`."),
            DatasetColumn(name: "object", type: .string, summary: "An entities.id."),
            DatasetColumn(name: "list_complete", type: .bool, summary: "For a row from a list: false when the list ends in 等 (and others), true when it is closed; else null."),
            DatasetColumn(name: "basis", type: .string, summary: "Whether the quote states the link or it is read from a name or the byline; vocabulary `basis`."),
            DatasetColumn(name: "quote", type: .string, summary: "The words of the article that state it, verbatim."),
        ]),
        DatasetTable(name: "claims", summary: "Every statement of the article's body, one row per claim: facts, plans, targets, aims and statements.", columns: [
            DatasetColumn(name: "id", type: .string, summary: "c001, c002, … in reading order."),
            DatasetColumn(name: "sentence", type: .integer, summary: "The sentence that makes the claim (a sentences.id)."),
            DatasetColumn(name: "subject", type: .string, summary: "What the claim is about (an entities.id or a people.id)."),
            DatasetColumn(name: "predicate", type: .string, summary: "What is said of it; vocabulary `predicate`."),
            DatasetColumn(name: "object", type: .string, summary: "An entities.id or a people.id, or else the article's own words."),
            DatasetColumn(name: "modality", type: .string, summary: "What kind of claim; vocabulary `modality`."),
            DatasetColumn(name: "time_hint", type: .string, summary: "The sentence's words that place it in time; vocabulary `time_hint`; null when it has none."),
            DatasetColumn(name: "list_complete", type: .bool, summary: "For a claim from a list: false when the list ends in 等 (and others), true when it is closed; else null."),
            DatasetColumn(name: "said_by", type: .string, summary: "Who the article reports as saying it (an entities.id); null when the article says it itself."),
            DatasetColumn(name: "quote", type: .string, summary: "The shortest words of the sentence that carry the claim, verbatim."),
        ]),
        DatasetTable(name: "sentences", summary: "The article itself, one row per sentence, so it can be searched.", columns: [
            DatasetColumn(name: "id", type: .integer, summary: "The sentence's number, from 1, in reading order."),
            DatasetColumn(name: "paragraph", type: .integer, summary: "The paragraph (non-empty line) it stands in, from 1 (the title)."),
            DatasetColumn(name: "text", type: .string, summary: "The sentence, verbatim."),
        ]),
        DatasetTable(name: "article", summary: "The article's own details.", columns: [
            DatasetColumn(name: "title", type: .string, summary: "The headline."),
            DatasetColumn(name: "outlet", type: .string, summary: "Who published it."),
            DatasetColumn(name: "published", type: .timestamp, summary: "When it was published, to the second, as the article prints it (local time; a timestamp carries no time zone)."),
            DatasetColumn(name: "published_time", type: .string, summary: "The publication time of day, as printed."),
            DatasetColumn(name: "reporter", type: .string, summary: "The reporter named in the byline."),
            DatasetColumn(name: "photographer", type: .string, summary: "The photographer named in the byline."),
            DatasetColumn(name: "source", type: .string, summary: "The source the article names (文章来源)."),
        ]),
        DatasetTable(name: "no_claims", summary: "The sentences that make no claim, each with the reason.", columns: [
            DatasetColumn(name: "sentence", type: .integer, summary: "A sentences.id."),
            DatasetColumn(name: "reason", type: .string, summary: "Why it holds no claim (headline, dateline, label, picture, byline)."),
        ]),
        DatasetTable(name: "numerals", summary: "The article's numerals that are not facts on their own, with the words around them and why.", columns: [
            DatasetColumn(name: "numeral", type: .string, summary: "The numeral as written (十, 2023)."),
            DatasetColumn(name: "context", type: .string, summary: "The words around it, verbatim."),
            DatasetColumn(name: "reason", type: .string, summary: "Why it is not a metric or an event."),
        ]),
    ]

    public static func table(named name: String) -> DatasetTable? {
        tables.first { $0.name == name }
    }
}

/// `.help` on the language's ideas rather than one command: load, let,
/// null, types and dates. Each example is run by the test suite.
struct HelpTopic: Sendable {
    let name: String
    let title: String
    let paragraphs: [String]
    let examples: [String]
}

enum HelpTopics {
    static let all: [HelpTopic] = [
        HelpTopic(
            name: "load", title: "load \"FILE\" | STAGE ...",
            paragraphs: [
                "Reads a CSV, TSV or JSON file as the source of a pipeline, by its extension (CSV with the delimiter sniffed otherwise). Column types are inferred (see .help types) and only the columns the pipeline uses are built, so a query over a few columns of a wide file is quick.",
                "load reads the file each time it runs; to keep it as a table, use let NAME = load \"FILE\" or .import FILE [as NAME] (which can also force a column's type). A load that takes over a second shows its progress on a terminal.",
            ],
            examples: ["people | select id, name | export \"/tmp/scicity-help-load.csv\"\nload \"/tmp/scicity-help-load.csv\" | count"]
        ),
        HelpTopic(
            name: "let", title: "let NAME = PIPELINE",
            paragraphs: [
                "Keeps a pipeline's result as a table named NAME for the rest of the session: later statements use it like any table, .tables lists it (its source: let) and .schema shows its columns. The result is computed once, when let runs.",
                "Giving a dataset table's name to another table replaces it for the session; .tables then shows where the new one came from.",
            ],
            examples: ["let labs = entities | where kind == \"lab\"\nlabs | select id, name"]
        ),
        HelpTopic(
            name: "null", title: "Null",
            paragraphs: [
                "Null means unknown and follows SQL's three-valued logic: a comparison or arithmetic with null gives null (null == null is null), not null is null, null and false is false, null or true is true. Test with is null and is not null.",
                "where keeps only rows whose condition is true. Division or remainder by zero gives null. Aggregates skip nulls: count() counts rows, count(x) the values that are not null; sum, avg, min, max and median of no values are null. Nulls sort last in either direction and group together. coalesce(x, y) gives the first that is not null. Tables show null as NULL; CSV writes it as an empty field and empty text as \"\".",
            ],
            examples: ["metrics | where as_of is null | select entity, metric, as_of", "article | select a = null and false, b = null or true, c = null == null, d = 1 / 0"]
        ),
        HelpTopic(
            name: "types", title: "Types",
            paragraphs: [
                "Every column has one type: integer (64-bit), decimal (exact, fixed point: 0.1 + 0.2 == 0.3, as DuckDB's DECIMAL(18, s); a number written with a point), float (a double: a number written with an exponent, 1e300, or float(x)), string (UTF-8, compared by code point), date (to the day or to the month), timestamp (to the second, no time zone), bool (true, false), or null (a column of nothing but nulls). Every output format writes a number's every digit.",
                "An imported column gets the narrowest type every value fits: integer, then decimal, date, timestamp, bool, else string; empty fields are null. .import FILE --type COL=TYPE forces one (or converts: --type price=number, --type day=date:%d/%m/%Y), --null N/A names a null spelling, --no-infer reads all as text. text(x) turns any value into text, number(t), date(t) and timestamp(t) read text back (null when it does not fit); integers and decimals mix in arithmetic and comparisons.",
            ],
            examples: ["let t = metrics | derive ratio = value / 2, label = text(value)\n.schema t"]
        ),
        HelpTopic(
            name: "dates", title: "Dates",
            paragraphs: [
                "A date literal is written @YYYY-MM-DD, or @YYYY-MM for a date known only to the month, as the article often gives them. A month date prints as written, sorts with the first of its month and just after it, and equals only the same month date.",
                "year(d), month(d) and day(d) take a date apart (day of a month date is null); weekday, week (ISO), quarter, date_trunc(d, \"month\") and add_months(d, n) work with the calendar, d + n and d - n move by days, today() is today. Dates compare with < <= == and so on; files give dates as YYYY-MM-DD, YYYY-MM, 2023/3/27, 2023.3.27 or 2023年3月27日, which the importer infers; date(text, \"%d/%m/%Y\") reads others. In a workbook (.xlsx) dates are real dates.",
                "A timestamp is a moment to the second with no time zone, written @2023-03-31T10:33:59; hour, minute and second take it apart, a timestamp minus a timestamp is seconds, and it compares with a date as that date's midnight. Files give them as 2023-03-27T10:00:00 or 2023-03-27 10:00:00.",
            ],
            examples: ["events | where date >= @2023-01 | select date, event_en | sort date", "events | derive y = year(date), d = day(date) | select date, y, d | take 3", "article | select published, day = date(published), h = hour(published)"]
        ),
    ]

    static func topic(named name: String) -> HelpTopic? {
        all.first { $0.name == name }
    }

    static func text(_ topic: HelpTopic) -> String {
        var text = "\(topic.title)\n"
        for paragraph in topic.paragraphs { text += "\n  \(paragraph)\n" }
        if !topic.examples.isEmpty {
            text += "\nExample\(topic.examples.count == 1 ? "" : "s"):\n"
            for example in topic.examples {
                text += example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return text
    }
}

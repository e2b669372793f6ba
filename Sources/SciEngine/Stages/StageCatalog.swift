/// Every stage's name, signature, description and example, in one place:
/// `.help`, completion and the documentation test read this list.
public struct StageDeclaration: Sendable {
    public let name: String
    public let signature: String
    public let summary: String
    public let example: String
}

public enum StageCatalog {
    public static let all: [StageDeclaration] = [
        StageDeclaration(name: "where", signature: "where CONDITION", summary: "Keeps the rows where the condition is true (not false, not null).",
                         example: #"entities | where kind == "lab" | select id, name"#),
        StageDeclaration(name: "select", signature: "select COL, NAME = EXPR, ...", summary: "Keeps exactly these columns, in this order, computing any that are expressions.",
                         example: #"people | select name, name_en"#),
        StageDeclaration(name: "derive", signature: "derive NAME = EXPR, ...", summary: "Adds columns (or replaces ones of the same name); each may use the ones before it.",
                         example: #"metrics | where unit == "亩" | derive hectares = round(value / 15, 1) | select entity, value, hectares"#),
        StageDeclaration(name: "sort", signature: "sort KEY [asc|desc], ...", summary: "Orders the rows; stable, nulls last in either direction, text by Unicode code point.",
                         example: #"events | sort date desc | select date, event | take 3"#),
        StageDeclaration(name: "take", signature: "take N", summary: "Keeps the first N rows.",
                         example: #"sentences | take 2 | select id, paragraph"#),
        StageDeclaration(name: "summarize", signature: "summarize [NAME =] AGG, ... [by KEY, ...]", summary: "One row per group of equal keys (one row in all without by): the keys, then each aggregate.",
                         example: #"metrics | summarize n = count(), total = sum(value) by unit | sort n desc | take 3"#),
        StageDeclaration(name: "distinct", signature: "distinct [COL, ...]", summary: "One row per different combination of the columns (of all columns when none are named), first seen first.",
                         example: #"entities | distinct kind | take 4"#),
        StageDeclaration(name: "count", signature: "count", summary: "One row, one column named count: how many rows came in.",
                         example: #"people | count"#),
        StageDeclaration(name: "join", signature: "join [left] TABLE [as NAME] on LEFTCOL == RIGHTCOL", summary: "Pairs each row with the rows of TABLE whose key is equal; left keeps unmatched rows with nulls. Shared column names come out as table.column (NAME.column for the right side with as).",
                         example: #"people | join entities on affiliation == id | select people.name, entities.name | take 2"#),
        StageDeclaration(name: "export", signature: "export \"FILE\" [as FORMAT]", summary: "Writes the rows to FILE (atomically) and ends the pipeline; the format comes from the extension or `as`.",
                         example: #"entities | select id, name | export "/tmp/scicity-example-entities.csv""#),
    ]
}

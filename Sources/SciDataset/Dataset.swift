import SciEngine
import SciIO
import SciLanguage

/// The built-in dataset: the CSV files of seeds/facts, embedded in the
/// binary at build time, read with the schema's types, plus the sentences
/// cut from the embedded article. Nothing is read from disk at run time.
public enum Dataset {
    /// The raw CSV bytes of each table, as embedded.
    public static let sources: [(name: String, bytes: [UInt8])] = [
        ("entities", PackageResources.entities_csv),
        ("people", PackageResources.people_csv),
        ("metrics", PackageResources.metrics_csv),
        ("events", PackageResources.events_csv),
        ("relations", PackageResources.relations_csv),
        ("claims", PackageResources.claims_csv),
        ("article", PackageResources.article_csv),
        ("numerals", PackageResources.numerals_csv),
        ("no_claims", PackageResources.no_claims_csv),
    ]

    /// Every table, in the schema's order.
    public static func load() throws -> [(name: String, table: Table)] {
        try tableNames.compactMap { name in try table(named: name).map { (name, $0) } }
    }

    /// The tables' names, in the schema's order, without reading any.
    public static var tableNames: [String] { DatasetSchema.tables.map(\.name) }

    /// One table, read from its embedded CSV (a session reads each only
    /// when a statement first uses it, so start-up reads none).
    public static func table(named name: String) throws -> Table? {
        if name == "sentences" { return sentencesTable() }
        guard let schema = DatasetSchema.table(named: name), let bytes = sources.first(where: { $0.name == name })?.bytes else { return nil }
        let forced = Dictionary(uniqueKeysWithValues: schema.columns.map { ($0.name, $0.type) })
        let reader = CSVReader(fileName: "seeds/facts/\(name).csv", options: .init(delimiter: 44, forcedTypes: forced))
        let (table, _) = try reader.read(bytes)
        guard table.columnNames == schema.columns.map(\.name) else {
            throw Diagnostic(message: "seeds/facts/\(name).csv has columns \(table.columnNames), but the schema declares \(schema.columns.map(\.name))")
        }
        return table.withOrigin(name)
    }

    static func sentencesTable() -> Table {
        let sentences = ArticleText.sentences
        var dictionary = StringDictionary()
        let codes = sentences.map { Int32(dictionary.intern($0.text)) }
        return Table(named: "sentences", columns: [
            ("id", Column(.integer((1...max(1, sentences.count)).prefix(sentences.count).map(Int64.init)))),
            ("paragraph", Column(.integer(sentences.map { Int64($0.paragraph) }))),
            ("text", Column(.string(codes: codes, dictionary: dictionary))),
        ])
    }
}

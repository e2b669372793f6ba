import SciEngine
import SciIO
import SciLanguage

/// The session's tables as the engine sees them: names to look up, with a
/// suggestion for a near miss, and files to load.
struct SessionCatalog: TableProvider {
    let tables: [String: Table]
    let sourceName: String
    var isCancelled: (@Sendable () -> Bool)? = nil
    /// Draws progress on long loads (nil: none).
    var progress: (@Sendable (String) -> Void)? = nil

    func table(named name: String, at range: SourceRange) throws -> Table {
        if let table = tables[name] { return table }
        throw Diagnostic(message: Suggestion.message("unknown table \"\(name)\"", for: name, in: tables.keys.sorted()), range: range)
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        var options = CSVReader.Options()
        options.columns = columns
        options.isCancelled = isCancelled
        do {
            return try TableLoader.load(path: path, options: options, progress: progress).table
        } catch var diagnostic as Diagnostic {
            if diagnostic.location == nil, diagnostic.range == nil { diagnostic.range = range }
            throw diagnostic
        }
    }
}

/// Reads a CSV, TSV or JSON file into a table, by its extension (CSV, with
/// the delimiter sniffed, for anything else).
public enum TableLoader {
    /// `progress` draws a progress line when the load takes over a second.
    public static func load(path: String, options: CSVReader.Options,
                            progress: (@Sendable (String) -> Void)? = nil) throws -> (table: Table, report: CSVReader.Report) {
        // Reading the bytes, then two passes over them: three times the size.
        let meter = progress.flatMap { draw in
            FileSystem.size(path).map { ProgressMeter(label: "loading \(path)", bytes: $0, units: 3 * max(1, $0), draw: draw) }
        }
        defer { meter?.finish() }
        let bytes = try FileSystem.read(path, progress: meter)
        let name = path == "-" ? "<stdin>" : path
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            return (try JSONReader(fileName: name).read(bytes), CSVReader.Report())
        }
        var csvOptions = options
        csvOptions.progress = meter
        if csvOptions.delimiter == nil, lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { csvOptions.delimiter = 9 }
        return try CSVReader(fileName: name, options: csvOptions).read(consume bytes)
    }
}

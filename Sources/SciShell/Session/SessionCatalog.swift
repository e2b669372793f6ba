import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// The session's tables as the planner and executor see them: names to
/// look up (with a suggestion for a near miss), and files, whose schema
/// comes from their first rows and whose rows are read only when a plan
/// runs. A file read whole for its schema (standard input, JSON, a small
/// file) is kept for the run, so nothing is read twice.
struct SessionCatalog: Catalog {
    /// Where the session's tables are found (the dataset's read when first used).
    let lookup: @Sendable (String) -> Table?
    let names: [String]
    let sourceName: String
    var isCancelled: (@Sendable () -> Bool)? = nil
    /// Files read whole while planning, by path.
    let cache = FileCache()

    final class FileCache {
        var tables: [String: Table] = [:]
    }

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        Schema(of: try table(named: name, at: range))
    }
    /// Draws progress on long loads (nil: none).
    var progress: (@Sendable (String) -> Void)? = nil
    /// A CSV file larger than a block runs a block at a time where the
    /// pipeline allows (see Streaming): each block is read in one pass with
    /// its types known, which is faster than reading the file whole and
    /// holds less. Where streaming only saves memory (`distinct`), a file
    /// streams when larger than `largeFile`. SCICITY_STREAM_ABOVE sets one
    /// size for both (the tests stream every file with 0).
    var streamAbove: Int?
    var largeFile = 256 << 20
    var blockBytes = 32 << 20
    /// `.limit memory`: a file whose whole read would need more streams
    /// where the pipeline allows, and is refused where it does not.
    var memoryLimit: Int?

    init(session: Session, sourceName: String, isCancelled: (@Sendable () -> Bool)? = nil, progress: (@Sendable (String) -> Void)? = nil) {
        let tables = session.tables, dataset = session.dataset, datasetNames = Set(session.datasetTableNames)
        lookup = { name in tables[name] ?? (datasetNames.contains(name) ? dataset.table(named: name) : nil) }
        names = session.tableNames
        self.sourceName = sourceName
        self.isCancelled = isCancelled
        self.progress = progress
        memoryLimit = session.settings.memoryLimit
        // For the tests, and for trying other sizes: bytes.
        if let bytes = session.environment.variables["SCICITY_STREAM_ABOVE"].flatMap({ Int($0) }) { streamAbove = max(0, bytes) }
        if let bytes = session.environment.variables["SCICITY_BLOCK_BYTES"].flatMap({ Int($0) }) { blockBytes = max(1, bytes) }
    }

    func table(named name: String, at range: SourceRange) throws -> Table {
        if let table = lookup(name) { return table }
        throw Diagnostic(message: Suggestion.message("unknown table \"\(name)\"", forName: name, in: names.sorted()), range: range)
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema {
        try located(range) {
            if let cached = cache.tables[path] { return Self.fileSchema(cached) }
            if path == "-" || TableLoader.isJSON(path) || (FileSystem.exists(path) && !FileSystem.isRegularFile(path) && !FileSystem.isDirectory(path)) {
                // Standard input and named pipes can be read once only, and
                // JSON has no prefix to stop at.
                try TableLoader.checkFits(path, columns: nil, limit: memoryLimit)
                let table = try TableLoader.load(path: path, options: options(columns: nil), progress: progress).table
                cache.tables[path] = table
                return Self.fileSchema(table)
            }
            guard let prefix = try SchemaSniffer.prefix(path: path, options: TableLoader.csvOptions(path, options(columns: nil))) else {
                let table = try TableLoader.load(path: path, options: options(columns: nil), progress: progress).table
                cache.tables[path] = table
                return Self.fileSchema(table)
            }
            var schema = Self.fileSchema(prefix)
            // A column with no value in the first rows of a larger file has
            // no known type yet: planned as null, which every stage takes,
            // so that `sum(b)` is not refused as text before the file is
            // read; reading it plans again with the type the file has.
            if (FileSystem.size(path) ?? 0) > SchemaSniffer.prefixBytes {
                for (index, column) in prefix.columns.enumerated() where (0..<column.count).allSatisfy({ column.isNull($0) }) {
                    schema.columns[index].type = .null
                }
            }
            return schema
        }
    }

    /// Any column of a file may hold a null further down.
    static func fileSchema(_ table: Table) -> Schema {
        var schema = Schema(of: table)
        for index in schema.columns.indices { schema.columns[index].nullable = true }
        return schema
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        if let cached = cache.tables[path] { return cached }
        return try located(range) {
            try TableLoader.checkFits(path, columns: columns, limit: memoryLimit)
            return try TableLoader.load(path: path, options: options(columns: columns), progress: progress).table
        }
    }

    func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)? {
        let threshold = streamAbove ?? (onlyWhenLarge ? largeFile : blockBytes)
        guard path != "-", cache.tables[path] == nil, !TableLoader.isJSON(path), let size = FileSystem.size(path),
              size > threshold || TableLoader.wholeReadBytes(size, columns: columns) > memoryLimit ?? Int.max else { return nil }
        return try located(range) {
            FileBlocks(try CSVBlocks(path: path, types: types, options: TableLoader.csvOptions(path, options(columns: columns)), blockSize: blockBytes))
        }
    }

    /// SciIO's block reader as the planner's `RowBlocks`.
    final class FileBlocks: RowBlocks {
        let reader: CSVBlocks
        init(_ reader: CSVBlocks) { self.reader = reader }
        func next() throws -> Table? { try reader.next() }
    }

    func options(columns: Set<String>?) -> CSVReader.Options {
        var options = CSVReader.Options()
        options.columns = columns
        options.isCancelled = isCancelled
        return options
    }

    func located<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var diagnostic as Diagnostic {
            if diagnostic.location == nil, diagnostic.range == nil { diagnostic.range = range }
            throw diagnostic
        }
    }
}

/// Reads a CSV, TSV or JSON file into a table, by its extension (CSV, with
/// the delimiter sniffed, for anything else).
public enum TableLoader {
    public static func isJSON(_ path: String) -> Bool {
        FileFormats.reader(for: path) == .json
    }

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
        if isJSON(path) {
            return (try JSONReader(fileName: name).read(bytes), CSVReader.Report())
        }
        var csvOptions = csvOptions(path, options)
        csvOptions.progress = meter
        return try CSVReader(fileName: name, options: csvOptions).read(consume bytes)
    }

    /// The memory a whole read of a file of `size` bytes takes at its peak:
    /// the bytes, and the columns made of them (about as large again, half
    /// when only some columns are built).
    public static func wholeReadBytes(_ size: Int, columns: Set<String>?) -> Int {
        size + (columns == nil ? size : size / 2)
    }

    /// Refuses, before anything is read, a whole read of a file that would
    /// need more than the memory limit: an error, not the kernel's
    /// out-of-memory killer. Standard input and pipes have no size to check.
    public static func checkFits(_ path: String, columns: Set<String>?, limit: Int?) throws {
        guard let limit, path != "-", FileSystem.isRegularFile(path), let size = FileSystem.size(path) else { return }
        let needed = wholeReadBytes(size, columns: columns)
        guard needed > limit else { return }
        throw Diagnostic(message: "reading \(path) whole needs about \(MemoryEstimate.size(needed)) (the file is \(MemoryEstimate.size(size))), more than the memory limit of \(MemoryEstimate.size(limit)) (.limit memory); where, select, derive, joins, count, take, distinct, summarize and export read a large CSV file a block at a time (.plan shows which stages hold every row)")
    }

    /// A `.tsv` or `.tab` file is tab-separated unless told otherwise.
    public static func csvOptions(_ path: String, _ options: CSVReader.Options) -> CSVReader.Options {
        var csvOptions = options
        if csvOptions.delimiter == nil, case .delimited(let delimiter?) = FileFormats.reader(for: path) { csvOptions.delimiter = delimiter }
        return csvOptions
    }
}

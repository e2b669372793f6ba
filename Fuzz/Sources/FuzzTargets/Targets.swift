import SciDataset
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciShell
#if canImport(Glibc)
import Glibc
#endif

/// What each harness does with one input. Nothing here may crash, leak or
/// hang, whatever the bytes: errors are expected and ignored.
public enum Targets {
    /// A small table with every type, nulls, empty and Chinese text.
    static let smallCSV = """
        id,name,amount,day,ok
        1,科学城,12.5,2023-01-02,true
        2,,3,2023-02-28,false
        3,广州,,,
        4,"a,b",-7.25,2024-02-29,true
        5,科学城,0,2023-01-02,

        """

    static let small: Table = (try? CSVReader(fileName: "small.csv").read(Array(smallCSV.utf8)).0) ?? Table(named: nil, columns: [])

    static let datasetTables: [String: Table] = {
        var tables: [String: Table] = ["small": small]
        for (name, table) in (try? Dataset.load()) ?? [] { tables[name] = table }
        return tables
    }()

    /// A session with the dataset, `small` imported from a file, and a
    /// memory limit that keeps the fuzzer's process small.
    nonisolated(unsafe) static let session: Session = {
        let folder = "/tmp/scicity-fuzz-\(getpid())"
        mkdir(folder, 0o700)
        let path = folder + "/small.csv"
        let bytes = Array(smallCSV.utf8)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let environment = ShellEnvironment(writeOutput: { _ in }, writeMessage: { _ in })
        guard var session = try? Session(environment: environment) else { fatalError("the dataset does not load") }
        session.run(SourceText(name: "setup", text: ".import \"\(path)\" as small\n.limit memory 256MB\n"))
        unlink(path)
        return session
    }()

    // Lexer, parser and planner (no rows are read), and the completer.
    public static func script(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceText(name: "fuzz", text: text)
        let runner = PipelineRunner(catalog: FuzzCatalog(tables: datasetTables))
        for result in Parser.parse(source, stages: StageCatalog.grammars) {
            guard case .success(let statement) = result else { continue }
            switch statement {
            case .pipeline(let pipeline), .assignment(_, _, let pipeline):
                _ = try? runner.plan(pipeline, in: source, mayReadData: false)
            case .dotCommand:
                break
            }
        }
        _ = Completer(session: session).complete(before: text)
    }

    // The CSV reader, as it reads a file and leniently (.import --lenient).
    public static func csv(_ bytes: [UInt8]) {
        _ = try? CSVReader(fileName: "fuzz.csv").read(bytes)
        var options = CSVReader.Options()
        options.lenient = true
        _ = try? CSVReader(fileName: "fuzz.csv", options: options).read(bytes)
    }

    // The JSON reader.
    public static func json(_ bytes: [UInt8]) {
        _ = try? JSONReader(fileName: "fuzz.json").read(bytes)
    }

    // Whole statements run by a session against the dataset and `small`.
    // Statements that reach outside (files, programs, settings of the
    // process) are skipped: the fuzzer runs as whoever started it.
    public static func statements(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !reachesOutside(text) else { return }
        var copy = session
        copy.run(SourceText(name: "fuzz", text: text), keepGoing: true)
    }

    /// Words that read or write files or run programs, and dot-commands
    /// (a `.` after the start of a statement and before a letter).
    static func reachesOutside(_ text: String) -> Bool {
        let lower = text.lowercased()
        for word in ["load", "export", "chart"] where lower.contains(word) { return true }
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: ".") {
            let previous = index == 0 ? UInt8(ascii: "\n") : bytes[index - 1]
            if [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";")].contains(previous) { return true }
        }
        return false
    }

    // A fuzzed CSV file through fixed pipelines: sort, compare, join,
    // aggregate, distinct, window, pivot, each result written in every text
    // format. The columns are renamed c0, c1, … so the pipelines can name them.
    public static func csvPipelines(_ bytes: [UInt8]) {
        guard let (read, _) = try? CSVReader(fileName: "fuzz.csv").read(bytes), !read.columns.isEmpty else { return }
        let fields = read.columns.indices.map { Table.Field(name: "c\($0)") }
        let table = Table(fields: fields, columns: read.columns, rowCount: read.rowCount)
        let runner = PipelineRunner(catalog: FuzzCatalog(tables: ["t": table, "small": small]), memoryLimit: 256 << 20)
        let last = "c\(table.columns.count - 1)"
        let statements = [
            "t | sort c0",
            "t | sort \(last) desc, c0 | take 3",
            "t | where c0 < \(last) or c0 == \(last) or c0 != c0",
            "t | where c0 in (c0, \(last)) and c0 is not null",
            "t | join t as u on c0 == c0 | count",
            "t | join left small on c0 == id",
            "t | join full t as u on \(last) == \(last)",
            "t | summarize n = count(), d = count_distinct(c0), lo = min(\(last)), hi = max(\(last)), l = list(c0) by \(last)",
            "t | summarize s = sum(c0), a = avg(c0), m = median(c0)",
            "t | distinct",
            "t | distinct \(last), c0",
            "t | window by c0 sort \(last) r = rank(), n = row_number(), p = lag(\(last))",
            "t | pivot c0, count() by \(last)",
            "t | unpivot c0 into name, value",
            "t | describe",
            "t | append t | sort c0 desc | take 2 by \(last)",
        ]
        for text in statements {
            let source = SourceText(name: "pipeline", text: text)
            guard case .pipeline(let pipeline)? = try? Parser.parseStatement(source, stages: StageCatalog.grammars),
                  let result = try? runner.run(pipeline, in: source).table else { continue }
            for format in [OutputFormat.table, .csv, .json, .markdown] {
                _ = TableWriter.string(result, options: OutputOptions(format: format, width: 80, maxRows: 40))
            }
        }
    }
}

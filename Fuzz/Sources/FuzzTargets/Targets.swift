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

    // The CSV reader, as it reads a file and leniently (.import --lenient);
    // then as a streamed block is read: in one pass, with the types planned
    // from the first rows (the lines up to the input's last byte, as a
    // share), which must give up or give exactly the table that reading the
    // whole input infers. A plan with a column empty in the first rows is
    // not tried (such a file is read whole, never in blocks).
    public static func csv(_ bytes: [UInt8]) {
        let inferred = try? CSVReader(fileName: "fuzz.csv").read(bytes).0
        var options = CSVReader.Options()
        options.lenient = true
        _ = try? CSVReader(fileName: "fuzz.csv", options: options).read(bytes)
        guard inferred != nil, let last = bytes.last else { return }
        let lineEnds = bytes.indices.filter { bytes[$0] == 10 }
        guard !lineEnds.isEmpty else { return }
        let cut = lineEnds[Int(last) % lineEnds.count] + 1
        guard let prefix = try? CSVReader(fileName: "fuzz.csv", options: options).read(Array(bytes[..<cut])).0,
              !prefix.fields.isEmpty else { return }
        var types: [String: ValueType] = [:]
        for (field, column) in zip(prefix.fields, prefix.columns) {
            if (0..<column.count).allSatisfy({ column.isNull($0) }) { return }
            types[field.name] = column.type
        }
        let block = knownTypesRead(bytes, types)
        let whole = knownTypesRead(bytes, nil)
        if !block.hasPrefix("error"), block != whole {
            // abort(), not fatalError: libFuzzer keeps the input of a SIGABRT.
            let message = "a block read in one pass differs from the whole read of \(bytes):\n\(block)\n---\n\(whole)\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            abort()
        }
    }

    /// Types, scales and cells of a read (with planned types, or inferred
    /// when nil), or its error.
    static func knownTypesRead(_ bytes: [UInt8], _ types: [String: ValueType]?) -> String {
        var options = CSVReader.Options()
        if let types {
            options.forcedTypes = types
            options.typesKnown = true
        }
        do {
            let table = try CSVReader(fileName: "fuzz.csv", options: options).read(bytes).0
            var lines = table.columns.map { "\($0.type) \($0.scale)" }
            for row in 0..<table.rowCount {
                lines.append(table.columns.map { $0.isNull(row) ? "∅" : $0[row].description }.joined(separator: "|"))
            }
            return lines.joined(separator: "\n")
        } catch let diagnostic as Diagnostic {
            return "error \(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-") \(diagnostic.message)"
        } catch {
            return "error \(error)"
        }
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
        let bytes = Array(text.utf8)
        let words: [[UInt8]] = [Array("load".utf8), Array("export".utf8), Array("chart".utf8)]
        for (index, byte) in bytes.enumerated() {
            // Upper-case ASCII letters fold to lower case, as lowercased() does.
            let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
            for word in words where lower == word[0] && index + word.count <= bytes.count {
                if (1..<word.count).allSatisfy({ k in
                    let b = bytes[index + k]
                    return (b >= 65 && b <= 90 ? b | 0x20 : b) == word[k]
                }) { return true }
            }
            if byte == UInt8(ascii: "."), index == 0 || [10, 13, 32, 9, 59].contains(bytes[index - 1]) { return true }
        }
        return false
    }

    // A fuzzed CSV file through fixed pipelines: sort, compare, join,
    // aggregate, distinct, window, pivot, each result written in every text
    // format. The columns are renamed c0, c1, … and the last one also z (a
    // copy of c0 when there is one column), so the pipelines are the same
    // for every input and are parsed once, not per input.
    public static func csvPipelines(_ bytes: [UInt8]) {
        guard let (read, _) = try? CSVReader(fileName: "fuzz.csv").read(bytes), !read.columns.isEmpty else { return }
        var fields = read.columns.indices.map { Table.Field(name: $0 == read.columns.count - 1 && $0 > 0 ? "z" : "c\($0)") }
        var columns = read.columns
        if columns.count == 1 {
            fields.append(Table.Field(name: "z"))
            columns.append(columns[0])
        }
        let table = Table(fields: fields, columns: columns, rowCount: read.rowCount)
        let runner = PipelineRunner(catalog: FuzzCatalog(tables: ["t": table, "small": small]), memoryLimit: 256 << 20)
        for (source, pipeline) in pipelines {
            guard let result = try? runner.run(pipeline, in: source).table else { continue }
            for format in [OutputFormat.table, .csv, .json, .markdown] {
                _ = TableWriter.string(result, options: OutputOptions(format: format, width: 80, maxRows: 40))
            }
        }
    }

    static let pipelines: [(SourceText, Pipeline)] = [
        "t | sort c0",
        "t | sort z desc, c0 | take 3",
        "t | where c0 < z or c0 == z or c0 != c0",
        "t | where c0 in (c0, z) and c0 is not null",
        "t | join t as u on c0 == c0 | count",
        "t | join left small on c0 == id",
        "t | join full t as u on z == z",
        "t | summarize n = count(), d = count_distinct(c0), lo = min(z), hi = max(z), l = list(c0) by z",
        "t | summarize s = sum(c0), a = avg(c0), m = median(c0)",
        "t | distinct",
        "t | distinct z, c0",
        "t | window by c0 sort z r = rank(), n = row_number(), p = lag(z)",
        "t | pivot c0, count() by z",
        "t | unpivot c0 into name, value",
        "t | describe",
        "t | append t | sort c0 desc | take 2 by z",
    ].compactMap { text in
        let source = SourceText(name: "pipeline", text: text)
        guard case .pipeline(let pipeline)? = try? Parser.parseStatement(source, stages: StageCatalog.grammars) else { return nil }
        return (source, pipeline)
    }
}

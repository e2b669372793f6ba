#if canImport(Glibc)
import Glibc
#endif
import SciDataset
import SciEngine
import SciIO
import SciLanguage
import SciPlan
import SciSQL

/// One scicity session: the tables it knows (the dataset, `let` results,
/// imports), its settings, and how to run statements. A value type: the
/// prompt hands a copy to completion, which can look without touching.
public struct Session {
    public internal(set) var settings = SessionSettings()
    /// Tables by name, and the order they were added in (for `.tables`).
    var tables: [String: Table] = [:]
    var tableOrder: [String] = []
    /// Names of the built-in dataset's tables.
    public let datasetTableNames: [String]
    public var environment: ShellEnvironment
    /// Whether a person is at a prompt: messages are friendlier and errors
    /// carry no file name.
    public var isInteractive = false
    /// Set by `.quit`.
    public internal(set) var quitRequested = false
    /// The exit status `.quit CODE` asked for.
    public internal(set) var quitStatus: Int32?
    /// Depth of nested `.read`, to stop a file that reads itself.
    var readDepth = 0

    /// The dataset's tables, read when first used.
    let dataset = DatasetTables()
    /// One spark-sql for all the session's pipelines on Spark.
    let spark = SparkConnection()

    public init(environment: ShellEnvironment) throws {
        self.environment = environment
        datasetTableNames = Dataset.tableNames
        tableOrder = datasetTableNames
    }

    public var tableNames: [String] { tableOrder }

    public func table(named name: String) -> Table? {
        if let table = tables[name] { return table }
        return datasetTableNames.contains(name) ? dataset.table(named: name) : nil
    }

    /// `origin` is what `.tables` shows as the source: "let", or the file
    /// an import read. A dataset name given a new table is the dataset's no more.
    mutating func define(_ name: String, _ table: Table, origin: String = "let") {
        if !tableOrder.contains(name) { tableOrder.append(name) }
        tables[name] = table.withOrigin(name)
        origins[name] = origin
    }

    /// Where a table that is not the dataset's came from.
    var origins: [String: String] = [:]

    /// True for a table that is still the built-in dataset's own.
    public func isDatasetTable(_ name: String) -> Bool {
        origins[name] == nil && datasetTableNames.contains(name)
    }

    /// What happened when a piece of text was run.
    public struct Outcome: Sendable {
        public var errors = 0
        /// The reader of standard output went away (`| head -1`): stop quietly.
        public var outputClosed = false
        public var interrupted = false
    }

    /// Runs every statement of `source`. Errors are reported through the
    /// environment; unless `keepGoing`, the first one stops the rest.
    @discardableResult
    public mutating func run(_ source: SourceText, keepGoing: Bool = false) -> Outcome {
        var outcome = Outcome()
        for result in Parser.parse(source, stages: StageCatalog.grammars) {
            if quitRequested { break }
            switch result {
            case .failure(let diagnostic):
                report(diagnostic, in: source)
                outcome.errors += 1
            case .success(let statement):
                do {
                    try execute(statement, in: source)
                } catch is ReadFailed {
                    outcome.errors += 1
                } catch is Interrupted {
                    report(Diagnostic(message: "interrupted", range: statement.range), in: source)
                    outcome.errors += 1
                    outcome.interrupted = true
                    return outcome
                } catch is FileDescriptorSink.Closed {
                    outcome.outputClosed = true
                    return outcome
                } catch var diagnostic as Diagnostic {
                    // A dot-command's error (a file it cannot open) points
                    // at the command, so a script names file and line.
                    if diagnostic.range == nil, diagnostic.location == nil { diagnostic.range = statement.range }
                    report(diagnostic, in: source)
                    outcome.errors += 1
                } catch {
                    report(Diagnostic(message: "\(error)", range: statement.range), in: source)
                    outcome.errors += 1
                }
            }
            if outcome.errors > 0 && !keepGoing { break }
        }
        return outcome
    }

    func report(_ diagnostic: Diagnostic, in source: SourceText) {
        var located = diagnostic.located(in: source)
        // At the prompt the statement was just typed: no "<prompt>:1:5"
        // needed. A file's own place (a CSV's bad line) stays.
        if isInteractive, located.location?.source == source.name { located.location = nil }
        let hint = SQLHint.hint(for: located).map { "\n" + $0 } ?? ""
        environment.writeMessage(located.rendered() + hint + "\n")
    }

    mutating func execute(_ statement: Statement, in source: SourceText) throws {
        // Every long loop below looks at Ctrl-C through this binding.
        try Cancellation.run(environment.isInterrupted) { try executeBound(statement, in: source) }
    }

    mutating func executeBound(_ statement: Statement, in source: SourceText) throws {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            if settings.timer {
                let elapsed = clock.now - start
                let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
                let fraction = String(microseconds % 1_000_000)
                environment.writeMessage("Run Time: \(microseconds / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction) s\n")
            }
        }
        if let dialect = settings.printSQL, try printSQL(statement, dialect, in: source) { return }
        switch statement {
        case .pipeline(let pipeline):
            do {
                let (table, sink) = try runPipeline(pipeline, in: source, exportInParts: true)
                switch sink {
                case .export(let request, let options)?: try exportTable(table, (request, options))
                case .written(let request, let rows)?: reportExport(rows, to: request.path)
                case .chart(let request)?: try drawChart(table, request)
                case nil: try show(table)
                }
            } catch {
                // `.once` is for the next statement, as in sqlite3: one that
                // fails or is stopped by Ctrl-C ends it too, or the result
                // after it would go to the file unseen.
                settings.oncePath = nil
                throw error
            }
        case .assignment(let name, _, let pipeline):
            let (table, sink) = try runPipeline(pipeline, in: source)
            switch sink {
            case .export(let request, let options)?: try exportTable(table, (request, options))
            case .written(let request, let rows)?: reportExport(rows, to: request.path)
            case .chart(let request)?: try drawChart(table, request)
            case nil: break
            }
            define(name, table)
        case .dotCommand(let command):
            try DotCommands.run(command, in: &self, source: source)
        }
    }

    /// Plans a pipeline, checks where its result goes, then runs it: a name,
    /// type or format error is reported before any file is read.
    /// With `exportInParts`, an export of a large file through row-wise
    /// stages is written a block at a time (the table returned is then empty).
    func runPipeline(_ pipeline: Pipeline, in source: SourceText, exportInParts: Bool = false) throws -> (Table, ResultSink?) {
        let runner = PipelineRunner(catalog: catalog(source), memoryLimit: settings.memoryLimit, isCancelled: environment.isInterrupted)
        let planned = try runner.plan(pipeline, in: source)
        var sink: ResultSink?
        switch planned.sink {
        case .export(let request)?: sink = .export(request, try exportOptions(request))
        case .chart(let request)?: sink = .chart(request)
        case nil: break
        }
        if settings.engine != .builtin {
            let engine = ExternalEngine(choice: settings.engine, variables: environment.variables, sparkMaster: settings.sparkMaster,
                                        spark: spark, isInterrupted: environment.isInterrupted)
            // The tables the plan reads, the dataset's read now if not yet.
            var used: [String: Table] = [:]
            for name in ExternalEngine.tablesRead(by: planned.plan) { used[name] = table(named: name) }
            let files = catalog(source)
            do {
                return (try engine.run(planned.plan, catalog: files, tables: used), sink)
            } catch let failure as Diagnostic {
                // A file whose later rows change a type the first rows
                // suggested: planned again from the whole file, as built-in.
                guard try TypeChangeRetry.readWhole(planned.plan, files) else { throw failure }
                let replanned = try PipelineRunner(catalog: files, memoryLimit: settings.memoryLimit, isCancelled: environment.isInterrupted).plan(pipeline, in: source)
                return (try engine.run(replanned.plan, catalog: files, tables: used), sink)
            }
        }
        if exportInParts, case .export(let request, let options)? = sink, TableParts.supports(options.format) {
            do {
                if let rows = try exportInBlocks(planned, runner, request, options) {
                    return (Table(fields: planned.plan.schema.fields, columns: [], rowCount: 0), .written(request, rows: rows))
                }
            } catch is Streaming.Abandoned {
                // A block failed: the file is read whole below, for its error or its new plan.
            }
        }
        return (try runner.run(planned, pipeline, in: source), sink)
    }

    /// Where a pipeline's result goes when a stage ends it, checked before it runs.
    enum ResultSink {
        case export(ExportRequest, OutputOptions)
        /// Already written, a block at a time, with this many rows.
        case written(ExportRequest, rows: Int)
        case chart(ChartRequest)
    }

    /// The plan of a pipeline, for `.plan` and completion.
    func plan(_ pipeline: Pipeline, in source: SourceText) throws -> PlannedPipeline {
        try PipelineRunner(catalog: catalog(source)).plan(pipeline, in: source)
    }

    /// The SQL of a pipeline in a dialect: tables by their names (a `let`
    /// printed by `--sql` is a view with its row order in a column).
    func sql(_ pipeline: Pipeline, _ dialect: SQLDialect, in source: SourceText) throws -> SQLCompiler {
        var relations: [String: SQLRelation] = [:]
        for name in sqlViews { relations[name] = .named(name, ordinal: Self.viewOrder) }
        return SQLCompiler(dialect: dialect, catalog: catalog(source), relations: relations)
    }

    static let viewOrder = "scicity_row_order"

    /// `export` writes scicity's own formats, which no engine's SQL writes
    /// alike: refused in SQL (with --engine, scicity writes the file).
    static func refuseExport(_ planned: PlannedPipeline, _ dialect: SQLDialect) throws {
        guard let export = planned.export else { return }
        throw Diagnostic(
            message: SQLRefusal(construct: "export", dialect: dialect, reason: "scicity writes its own formats; run the pipeline with --engine \(dialect.name.rawValue) to export its rows").message,
            range: export.pathRange)
    }

    /// `--sql`: a pipeline's SQL is printed, a `let` becomes a temporary
    /// view (and a table of that schema, empty, for the statements after
    /// it); dot-commands still run. True when the statement was handled.
    mutating func printSQL(_ statement: Statement, _ dialect: SQLDialect, in source: SourceText) throws -> Bool {
        switch statement {
        case .pipeline(let pipeline):
            let planned = try plan(pipeline, in: source)
            try Self.refuseExport(planned, dialect)
            let query = try sql(pipeline, dialect, in: source).compile(planned.plan)
            try environment.writeOutput(Array((query.text + "\n").utf8)[...])
            return true
        case .assignment(let name, _, let pipeline):
            let planned = try plan(pipeline, in: source)
            try Self.refuseExport(planned, dialect)
            let view = try sql(pipeline, dialect, in: source).compileView(planned.plan, ordinalName: Self.viewOrder)
            let text = (view.setup + dialect.createView(name, as: view.select)).map { $0 + ";\n" }.joined()
            try environment.writeOutput(Array(text.utf8)[...])
            let empty = Table(fields: planned.plan.schema.fields, columns: planned.plan.schema.columns.map { Column.nulls(of: $0.type, count: 0) }, rowCount: 0)
            define(name, empty)
            sqlViews.insert(name)
            return true
        case .dotCommand:
            return false
        }
    }

    func catalog(_ source: SourceText) -> SessionCatalog {
        SessionCatalog(session: self, sourceName: source.name, isCancelled: environment.isInterrupted, progress: environment.writeProgress)
    }

    /// Output options for results shown to the user now.
    func outputOptions(toTerminal: Bool) -> OutputOptions {
        outputOptions(toTerminal: toTerminal, toFile: false)
    }

    func outputOptions(toTerminal: Bool, toFile: Bool) -> OutputOptions {
        OutputOptions(
            format: settings.format,
            headers: settings.headers,
            excel: settings.excel,
            // $COLUMNS fits tables even when piped, as the user asked for it.
            width: toFile ? nil : toTerminal ? (settings.maxWidth > 0 ? settings.maxWidth : environment.outputWidth()) : environment.variables["COLUMNS"].flatMap { Int($0) },
            color: toTerminal && environment.colorAllowed,
            maxRows: toTerminal ? Pager.rowLimit(settings) : nil
        )
    }

    /// Writes a result where `.output`/`.once` say: standard output or a file.
    mutating func show(_ table: Table) throws {
        if let once = settings.oncePath {
            settings.oncePath = nil
            if let command = OutputPipes.command(in: once) {
                try OutputPipes.once(table, to: command, options: outputOptions(toTerminal: false, toFile: true), environment: environment)
            } else {
                try writeFile(table, path: once, options: outputOptions(toTerminal: false, toFile: true))
            }
            return
        }
        if let pipe = outputPipe {
            try OutputPipes.write(table, to: pipe, options: outputOptions(toTerminal: false, toFile: true), environment: environment)
            return
        }
        if let path = settings.outputPath {
            try appendFile(table, path: path, options: outputOptions(toTerminal: false, toFile: true))
            return
        }
        var options = outputOptions(toTerminal: environment.outputIsTerminal)
        if options.format.isBinary, environment.outputIsTerminal {
            throw Diagnostic(message: "\(options.format.rawValue) is a file format, not for a terminal: send it to a file (> out.\(options.format.rawValue), .once out.\(options.format.rawValue) or export \"out.\(options.format.rawValue)\")")
        }
        if environment.outputIsTerminal {
            switch try Pager.page(table, options: options, session: self) {
            case .paged: return
            case .pagerUnusable: options.maxRows = options.maxRows ?? Pager.cutRows
            case .notPaged: break
            }
        }
        let interrupted = environment.isInterrupted
        let write = environment.writeOutput
        try TableWriter.write(table, options: options) { chunk in
            if interrupted() { throw Interrupted() }
            try write(chunk)
        }
    }

    /// `export "FILE" [as FORMAT]`: the format from `as`, else the file's
    /// extension, else CSV. Checked before the pipeline runs.
    func exportOptions(_ request: ExportRequest) throws -> OutputOptions {
        if request.path.isEmpty {
            throw Diagnostic(message: "export needs a file name, as in export \"result.csv\"", range: request.pathRange)
        }
        var options = OutputOptions(format: .csv, headers: settings.headers, excel: settings.excel)
        if let name = request.format {
            guard let format = FileFormats.named(name) else {
                throw Diagnostic(message: FileFormats.unknown(name), range: request.formatRange)
            }
            options.format = format.output
            options.excel = options.excel || format.excel
        } else if let implied = FileFormats.forPath(request.path) {
            options.format = implied.output
            options.excel = options.excel || implied.excel
        }
        return options
    }

    func exportTable(_ table: Table, _ export: (request: ExportRequest, options: OutputOptions)) throws {
        let (request, options) = export
        do {
            try writeFile(table, path: request.path, options: options)
        } catch var diagnostic as Diagnostic {
            if diagnostic.range == nil { diagnostic.range = request.pathRange }
            throw diagnostic
        }
        reportExport(table.rowCount, to: request.path)
    }

    func reportExport(_ rows: Int, to path: String) {
        if isInteractive {
            environment.writeMessage("wrote \(rows) row\(rows == 1 ? "" : "s") to \(path)\n")
        }
    }

    func writeFile(_ table: Table, path: String, options: OutputOptions) throws {
        let interrupted = environment.isInterrupted
        var options = options
        let meter = environment.writeProgress.map { ProgressMeter(label: "writing \(path)", bytes: 0, units: table.rowCount, draw: $0) }
        options.progress = meter
        defer { meter?.finish() }
        try FileSystem.writeAtomically(path) { write in
            let write = faulty(write, path: path)
            try TableWriter.write(table, options: options) { chunk in
                meter?.wrote(chunk.count)
                if interrupted() { throw Interrupted() }
                try write(chunk)
            }
        }
    }

    /// `write`, failing where the environment's injected fault says.
    func faulty(_ write: @escaping (ArraySlice<UInt8>) throws -> Void, path: String) -> (ArraySlice<UInt8>) throws -> Void {
        guard let fault = environment.writeFault else { return write }
        var written = 0
        return { chunk in
            if written + chunk.count > fault.afterBytes {
                try write(chunk.prefix(max(0, fault.afterBytes - written)))
                switch fault.kind {
                case .interrupted: throw Interrupted()
                case .diskFull: throw Diagnostic(message: "cannot write \(path): \(FileSystem.errorText(ENOSPC))")
                }
            }
            written += chunk.count
            try write(chunk)
        }
    }

    /// `.output FILE` collects every result after it; the file is replaced
    /// atomically each time with everything so far.
    mutating func appendFile(_ table: Table, path: String, options: OutputOptions) throws {
        // A workbook cannot be appended to: each result replaces it.
        var bytes: [UInt8] = options.format.isBinary ? [] : outputSoFar[path] ?? []
        try TableWriter.write(table, options: options) { bytes.append(contentsOf: $0) }
        try FileSystem.writeAtomically(path) { write in try faulty(write, path: path)(bytes[...]) }
        outputSoFar[path] = bytes
    }

    /// What `.output FILE` has written so far, so each result adds to it.
    var outputSoFar: [String: [UInt8]] = [:]
    /// `.output |COMMAND`: the command every result goes to, until the next `.output`.
    var outputPipe: CommandPipe?
    /// Tables that `--sql` printed as views.
    var sqlViews: Set<String> = []
}

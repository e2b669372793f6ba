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
    /// Depth of nested `.read`, to stop a file that reads itself.
    var readDepth = 0

    public init(environment: ShellEnvironment) throws {
        self.environment = environment
        var names: [String] = []
        for (name, table) in try Dataset.load() {
            tables[name] = table
            tableOrder.append(name)
            names.append(name)
        }
        datasetTableNames = names
    }

    public var tableNames: [String] { tableOrder }

    public func table(named name: String) -> Table? { tables[name] }

    mutating func define(_ name: String, _ table: Table) {
        if tables[name] == nil { tableOrder.append(name) }
        tables[name] = table.withOrigin(name)
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
                } catch let diagnostic as Diagnostic {
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
        // At the prompt the statement was just typed: no file name needed.
        if isInteractive { located.location = nil }
        environment.writeMessage(located.rendered() + "\n")
    }

    mutating func execute(_ statement: Statement, in source: SourceText) throws {
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
            let (table, export) = try runPipeline(pipeline, in: source)
            if let export {
                try exportTable(table, export)
            } else {
                try show(table)
            }
        case .assignment(let name, _, let pipeline):
            let (table, export) = try runPipeline(pipeline, in: source)
            if let export { try exportTable(table, export) }
            define(name, table)
        case .dotCommand(let command):
            try DotCommands.run(command, in: &self, source: source)
        }
    }

    /// Plans a pipeline, checks where its result goes, then runs it: a name,
    /// type or format error is reported before any file is read.
    func runPipeline(_ pipeline: Pipeline, in source: SourceText) throws -> (Table, (ExportRequest, OutputOptions)?) {
        let runner = PipelineRunner(catalog: catalog(source), isCancelled: environment.isInterrupted)
        let planned = try runner.plan(pipeline, in: source)
        let export = try planned.export.map { ($0, try exportOptions($0)) }
        if settings.engine != .builtin {
            let engine = ExternalEngine(choice: settings.engine, variables: environment.variables, sparkMaster: settings.sparkMaster)
            return (try engine.run(planned.plan, catalog: catalog(source), tables: tables), export)
        }
        return (try runner.run(planned, pipeline, in: source), export)
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
            let create = "CREATE OR REPLACE TEMPORARY VIEW \(dialect.quote(name)) AS\n\(view.select)"
            let text = (view.setup + [create]).map { $0 + ";\n" }.joined()
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
        SessionCatalog(tables: tables, sourceName: source.name, isCancelled: environment.isInterrupted)
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
            width: toFile ? nil : toTerminal ? environment.outputWidth() : environment.variables["COLUMNS"].flatMap { Int($0) },
            color: toTerminal && environment.colorAllowed,
            maxRows: toTerminal ? 40 : nil
        )
    }

    /// Writes a result where `.output`/`.once` say: standard output or a file.
    mutating func show(_ table: Table) throws {
        if let once = settings.oncePath {
            settings.oncePath = nil
            try writeFile(table, path: once, options: outputOptions(toTerminal: false, toFile: true))
            return
        }
        if let path = settings.outputPath {
            try appendFile(table, path: path, options: outputOptions(toTerminal: false, toFile: true))
            return
        }
        let options = outputOptions(toTerminal: environment.outputIsTerminal)
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
        var options = OutputOptions(format: .csv, headers: settings.headers, excel: settings.excel)
        if let format = request.format {
            if format == "excel" {
                options.format = .csv
                options.excel = true
            } else if let chosen = OutputFormat(rawValue: format) {
                options.format = chosen
            } else {
                let names = OutputFormat.allCases.map(\.rawValue) + ["excel"]
                throw Diagnostic(message: Suggestion.message("unknown format \"\(format)\"", for: format, in: names), range: request.pathRange)
            }
        } else if let implied = OutputFormat.forPath(request.path) {
            options.format = implied
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
        if isInteractive {
            environment.writeMessage("wrote \(table.rowCount) row\(table.rowCount == 1 ? "" : "s") to \(request.path)\n")
        }
    }

    func writeFile(_ table: Table, path: String, options: OutputOptions) throws {
        let interrupted = environment.isInterrupted
        try FileSystem.writeAtomically(path) { write in
            let write = faulty(write, path: path)
            try TableWriter.write(table, options: options) { chunk in
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
        var bytes: [UInt8] = outputSoFar[path] ?? []
        try TableWriter.write(table, options: options) { bytes.append(contentsOf: $0) }
        try FileSystem.writeAtomically(path) { write in try faulty(write, path: path)(bytes[...]) }
        outputSoFar[path] = bytes
    }

    /// What `.output FILE` has written so far, so each result adds to it.
    var outputSoFar: [String: [UInt8]] = [:]
    /// Tables that `--sql` printed as views.
    var sqlViews: Set<String> = []
}

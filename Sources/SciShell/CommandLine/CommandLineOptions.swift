import SciIO
import SciSQL

/// The command line: `scicity [OPTIONS] [FILE...]`, in the conventions of
/// sqlite3's shell. Statements from -c and files run in the order given.
public struct CommandLineOptions: Equatable, Sendable {
    public enum Input: Equatable, Sendable {
        case statement(String)
        case file(String)
    }

    public var inputs: [Input] = []
    public var interactive = false
    public var format: OutputFormat?
    public var excel = false
    public var headers = true
    public var keepGoing = false
    public var showHelp = false
    public var showVersion = false
    /// `--help-examples`: every `.help` example as JSON, for the script
    /// that keeps docs/EXAMPLES.md (not in the usage text).
    public var listHelpExamples = false
    /// `--engine`: which engine runs pipelines.
    public var engine: EngineChoice = .builtin
    /// `--master URL`: Spark's master.
    public var sparkMaster: String?
    /// `--sql DIALECT`: print SQL instead of running pipelines.
    public var sqlDialect: SQLDialect?

    public init() {}

    public struct UsageError: Error, Equatable {
        public let message: String
    }

    public static let version = "0.1.0"

    public static let usage = """
    usage: scicity [OPTIONS] [FILE...]

    A line-editing analysis shell over the facts of one article about
    Chongqing's Western Science City, and over your own CSV files.

    With no FILE and no -c, scicity opens a prompt when standard input is a
    terminal and otherwise reads statements from standard input.

    options:
      -c, --command STATEMENT  run STATEMENT (repeatable; one session throughout)
      -i, --interactive        open the prompt after running -c and FILEs
      -m, --mode MODE          output as \(FileFormats.list)
          \(FileFormats.all.filter(\.hasFlag).map { "--" + $0.name }.joined(separator: ", "))
                               the same as --mode with that format
          --excel              spreadsheet-safe CSV: BOM, CRLF, formula-safe text
                               (CSV unless another mode is given)
          --no-headers         leave out the header row of csv, tsv and markdown
      -k, --keep-going         run the rest of a script after a failing statement
          --engine ENGINE      run pipelines on builtin (the default), duckdb or spark
          --master URL         Spark's master (default $SPARK_MASTER, else local[*])
          --sql DIALECT        print each pipeline's SQL (duckdb, spark) instead of running it
      -h, --help               show this help and exit
      -V, --version            show the version and exit

    exit status: 0 success, 1 a statement failed, 2 a usage error.
    environment: SCICITY_HISTORY (history file), NO_COLOR, COLUMNS.

    """

    public static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var index = 0
        var onlyFiles = false
        func value(for flag: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") {
                options.inputs.append(.file(argument))
                index += 1
                continue
            }
            // --flag=value
            var flag = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            func flagValue() throws(UsageError) -> String {
                if let attached { return attached }
                return try value(for: flag)
            }
            switch flag {
            case "--": onlyFiles = true
            case "-c", "--command", "-cmd": options.inputs.append(.statement(try flagValue()))
            case "-i", "--interactive": options.interactive = true
            case "-m", "--mode":
                let name = try flagValue()
                guard let format = FileFormats.named(name) else {
                    throw UsageError(message: FileFormats.unknown(name, what: "mode") + " (choose \(FileFormats.list))")
                }
                if format.excel { options.excel = true } else { options.format = format.output }
            case "--excel": options.excel = true
            case _ where flag.hasPrefix("--") && FileFormats.all.contains { $0.hasFlag && "--" + $0.name == flag }:
                if let format = FileFormats.named(String(flag.dropFirst(2))) { options.format = format.output }
            case "--no-headers": options.headers = false
            case "-k", "--keep-going", "-bail=off": options.keepGoing = true
            case "--engine":
                let name = try flagValue()
                guard let engine = EngineChoice(rawValue: name.lowercased()) else {
                    throw UsageError(message: "unknown engine \"\(name)\" (choose builtin, duckdb or spark)")
                }
                options.engine = engine
            case "--master": options.sparkMaster = try flagValue()
            case "--sql":
                let name = try flagValue()
                guard let dialect = SQLDialect.named(name) else {
                    throw UsageError(message: "unknown SQL dialect \"\(name)\" (choose duckdb, spark, postgres or sqlite)")
                }
                options.sqlDialect = dialect
            case "-h", "--help": options.showHelp = true
            case "-V", "--version": options.showVersion = true
            case "--help-examples": options.listHelpExamples = true
            default:
                throw UsageError(message: "unknown option \(flag)")
            }
            index += 1
        }
        // --excel alone means the spreadsheet's CSV, not a drawn table.
        if options.excel, options.format == nil { options.format = .csv }
        return options
    }
}

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
      -m, --mode MODE          output as table, csv, tsv, json, jsonl or markdown
          --csv, --tsv, --json, --jsonl, --markdown, --table
                               the same as --mode with that format
          --excel              spreadsheet-safe CSV: BOM, CRLF, formula-safe text
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
                guard let format = OutputFormat(rawValue: name.lowercased()) else {
                    throw UsageError(message: "unknown mode \"\(name)\" (choose table, csv, tsv, json, jsonl or markdown)")
                }
                options.format = format
            case "--csv": options.format = .csv
            case "--tsv": options.format = .tsv
            case "--json": options.format = .json
            case "--jsonl": options.format = .jsonl
            case "--markdown": options.format = .markdown
            case "--table": options.format = .table
            case "--excel": options.excel = true
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
            default:
                throw UsageError(message: "unknown option \(flag)")
            }
            index += 1
        }
        return options
    }
}

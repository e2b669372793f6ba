import SciEngine
import SciIO
import SciSQL

/// What `.mode`, `.headers`, `.excel`, `.timer` and `.output` set.
public struct SessionSettings: Sendable {
    public var format: OutputFormat = .table
    public var headers = true
    public var excel = false
    public var timer = false
    /// Where results go: nil for standard output.
    public var outputPath: String?
    /// `.once`: the next result only goes to this file.
    public var oncePath: String?
    /// `.pager`: a result taller than the terminal goes through $PAGER.
    public var pager = true
    /// `.maxrows`: cut results on a terminal to this many rows (0: never);
    /// nil: 40 when the pager is off, and no cut when it is on.
    public var maxRows: Int?
    /// `.maxwidth`: fit tables to this many columns instead of the terminal's (0: the terminal's).
    public var maxWidth = 0
    /// `.limit memory`: no result larger than this many bytes is built.
    public var memoryLimit = MemoryEstimate.defaultLimit
    /// Which engine runs pipelines (`--engine`, `.engine`).
    public var engine: EngineChoice = .builtin
    /// Spark's master URL (`--master`); nil: $SPARK_MASTER, else local.
    public var sparkMaster: String?
    /// `--sql DIALECT`: print each pipeline's SQL instead of running it.
    public var printSQL: SQLDialect?

    public init() {}
}

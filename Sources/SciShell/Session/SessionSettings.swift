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
    /// Which engine runs pipelines (`--engine`, `.engine`).
    public var engine: EngineChoice = .builtin
    /// Spark's master URL (`--master`); nil: $SPARK_MASTER, else local.
    public var sparkMaster: String?
    /// `--sql DIALECT`: print each pipeline's SQL instead of running it.
    public var printSQL: SQLDialect?

    public init() {}
}

import SciIO

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

    public init() {}
}

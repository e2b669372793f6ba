/// Where a pipeline's rows come from.
public enum Source: Equatable, Sendable {
    case table(name: String, range: SourceRange)
    case load(path: String, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .table(_, let range), .load(_, let range): return range
        }
    }
}

public struct Pipeline: Equatable, Sendable {
    public var source: Source
    public var stages: [Stage]
    public var range: SourceRange

    public init(source: Source, stages: [Stage], range: SourceRange) {
        self.source = source
        self.stages = stages
        self.range = range
    }
}

/// `.name arg "quoted arg" …`, split like a shell would.
public struct DotCommand: Equatable, Sendable {
    public var name: String
    public var arguments: [String]
    /// The text after the name, untouched, for commands that take free text.
    public var rest: String
    public var range: SourceRange

    public init(name: String, arguments: [String], rest: String, range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.rest = rest
        self.range = range
    }
}

public enum Statement: Equatable, Sendable {
    case pipeline(Pipeline)
    case assignment(name: String, nameRange: SourceRange, pipeline: Pipeline)
    case dotCommand(DotCommand)

    public var range: SourceRange {
        switch self {
        case .pipeline(let p): return p.range
        case .assignment(_, let nameRange, let p): return nameRange.union(p.range)
        case .dotCommand(let d): return d.range
        }
    }
}

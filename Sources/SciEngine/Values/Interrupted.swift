/// Ctrl-C stopped the work: its own error, so that no one has to recognise
/// an interruption by the words of a message.
public struct Interrupted: Error, Sendable, Equatable {
    public init() {}

    public var message: String { "interrupted" }
}

/// What the prompt needs from a line editor. SciTerminal implements it with
/// libedit; tests can implement it with a list of lines.
public protocol LineReader {
    /// Reads one line, offering `completer` on Tab.
    mutating func readLine(prompt: String, completer: @escaping (_ before: String, _ after: String) -> Completion) -> LineReadResult
    /// Remembers an entry for the up arrow and Ctrl-R.
    mutating func addHistory(_ entry: String)
    /// After a whole statement was read: true when input already typed or
    /// pasted after it starts with "|", so it continues that statement (as
    /// it would in a script). The input stays for the next `readLine`.
    mutating func nextLineContinuesStatement() -> Bool
}

extension LineReader {
    public mutating func nextLineContinuesStatement() -> Bool { false }
}

public enum LineReadResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line (and any continuation lines) is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
}

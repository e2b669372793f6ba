/// A named piece of query text (a script file, a `-c` argument, a typed line),
/// held as Unicode scalars so that every position is one character.
public struct SourceText: Sendable {
    public let name: String
    public let scalars: [Unicode.Scalar]
    /// Offsets at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]
    /// Line number of the first line, so a statement cut out of a file still
    /// reports the file's own line numbers.
    public let firstLine: Int

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.firstLine = firstLine
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// Decodes bytes read from a file or a pipe. Invalid UTF-8 is an error that
    /// names the line and column of the first bad byte, never a silent
    /// replacement character.
    public static func decode(_ bytes: [UInt8], name: String) throws -> SourceText {
        if let text = String(validating: bytes, as: UTF8.self) {
            return SourceText(name: name, text: text)
        }
        var line = 1
        var column = 1
        var index = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                index += scalar.utf8.count
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                break loop
            }
        }
        throw Diagnostic(
            message: "invalid UTF-8 at byte \(index + 1) (line \(line), column \(column))",
            location: SourceLocation(source: name, line: line, column: column)
        )
    }

    public var text: String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    public func slice(_ range: SourceRange) -> String {
        let lower = max(0, min(range.start, scalars.count))
        let upper = max(lower, min(range.end, scalars.count))
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result)
    }

    /// 0-based index of the line holding `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    public func location(of offset: Int) -> SourceLocation {
        let line = lineIndex(of: offset)
        return SourceLocation(source: name, line: line + firstLine, column: offset - lineStarts[line] + 1)
    }

    /// The text of the line holding `offset`, without its line end.
    public func lineText(containing offset: Int) -> (text: String, start: Int) {
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return (slice(SourceRange(start, max(start, end))), start)
    }
}

/// Splits a dot-command line into its name and arguments the way a shell
/// would: spaces separate, and "double" or 'single' quotes keep spaces in.
public enum DotCommandSplitter {
    /// A line read word by word.
    public struct Words {
        /// The words, quotes taken off.
        public var words: [String] = []
        /// The quote still open at the end of the line, if any (completion
        /// goes on inside it).
        public var openQuote: Unicode.Scalar?
        /// The line ends inside a word (not after a space).
        public var endsInWord = false
        /// Where the text after the first word starts.
        var restStart: String.UnicodeScalarView.Index?
    }

    public static func words(_ text: String) -> Words {
        var result = Words()
        var current = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let c = scalars[index]
            if let open = result.openQuote {
                if c == open { result.openQuote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                result.openQuote = c
                result.endsInWord = true
            } else if c == " " || c == "\t" {
                if result.endsInWord {
                    result.words.append(String(current))
                    current = String.UnicodeScalarView()
                    result.endsInWord = false
                    if result.words.count == 1 { result.restStart = index }
                }
            } else {
                current.append(c)
                result.endsInWord = true
            }
            index = scalars.index(after: index)
        }
        if result.endsInWord { result.words.append(String(current)) }
        return result
    }

    static func split(_ text: String, range: SourceRange) -> DotCommand {
        let scan = words(text)
        let name = scan.words.first.map { String($0.dropFirst()) } ?? ""
        var rest = ""
        if let restStart = scan.restStart {
            rest = String(String.UnicodeScalarView(text.unicodeScalars[restStart...])).trimmingCharacters(of: " \t", trailing: false)
        }
        return DotCommand(name: name, arguments: Array(scan.words.dropFirst()), rest: rest, range: range)
    }
}

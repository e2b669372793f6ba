/// Splits a dot-command line into its name and arguments the way a shell
/// would: spaces separate, and "double" or 'single' quotes keep spaces in.
enum DotCommandSplitter {
    static func split(_ text: String, range: SourceRange) -> DotCommand {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var restStart: String.UnicodeScalarView.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let c = scalars[index]
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                    if words.count == 1 { restStart = index }
                }
            } else {
                current.append(c)
                inWord = true
            }
            index = scalars.index(after: index)
        }
        if inWord { words.append(String(current)) }
        let name = words.first.map { String($0.dropFirst()) } ?? ""
        var rest = ""
        if let restStart {
            rest = String(String.UnicodeScalarView(scalars[restStart...])).trimmingCharacters(of: " \t", trailing: false)
        }
        return DotCommand(name: name, arguments: Array(words.dropFirst()), rest: rest, range: range)
    }
}

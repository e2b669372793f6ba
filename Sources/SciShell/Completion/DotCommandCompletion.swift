import SciIO
import SciLanguage
import SciPlan

/// Completion on a dot-command line: the command's name, then what its
/// declaration says its arguments are.
extension Completer {
    func dotCommandContext(_ text: String) -> Context {
        let (words, openQuote) = Self.shellWords(text)
        let word = words.last ?? ""
        func offer(_ candidates: [CompletionCandidate]) -> Context { Context(word: word, candidates: candidates, suffix: " ") }
        if words.count <= 1 {
            return Context(word: text, candidates: .words(DotCommands.all.flatMap { [$0.name] + $0.aliases }.map { "." + $0 }), suffix: " ")
        }
        guard let declaration = DotCommands.declaration(named: String(words[0].dropFirst())) else { return offer([]) }
        if declaration.name == "import", words.count >= 3 {
            return offer(.words(words[words.count - 2] == "as" ? [] : ["as", "--type", "--null", "--no-infer", "--lenient", "--delimiter"]))
        }
        switch declaration.arguments {
        case .none, .text:
            return offer([])
        case .statement(let options):
            // `.plan …` completes what follows as a statement at the prompt
            // would; `.sql` first offers its dialects beside the tables.
            var statement = Self.argumentText(text)
            if let first = words.dropFirst().first, options.contains(first), words.count > 2 {
                statement = Self.argumentText(statement)
            }
            var context = self.context(before: statement)
            if words.count == 2, openQuote == nil { context.candidates += .words(options) }
            return context
        case .table:
            return offer(.names(session.tableNames))
        case .format:
            return offer(.words(FileFormats.names))
        case .onOff:
            return offer(.words(["on", "off"]))
        case .choice(let choices):
            return words.count == 2 ? offer(.words(choices)) : offer([])
        case .path:
            // Inside an open quote the path goes on to its closing quote;
            // typed bare, a path with a space is put in double quotes.
            if let openQuote {
                return Context(word: word, candidates: .words(Self.paths(matching: word)), suffix: String(openQuote) + " ")
            }
            return offer(Self.paths(matching: word).map { CompletionCandidate(text: $0, quoting: .shellWord) })
        case .helpTopic:
            return offer(.words(HelpText.topics + DotCommands.all.map { "." + $0.name }))
        }
    }

    /// The words of a dot-command line as the dot-command splitter reads
    /// them (spaces separate, quotes keep spaces in), the last one empty when
    /// the line ends in a space, and the quote still open at the end.
    static func shellWords(_ text: String) -> (words: [String], openQuote: Unicode.Scalar?) {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        for c in text.unicodeScalars {
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(String(current)) }
                current = String.UnicodeScalarView()
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        words.append(String(current))
        return (words, quote)
    }

    /// What follows the first word of `text` and the spaces after it.
    static func argumentText(_ text: String) -> String {
        let afterWord = text.drop { $0 != " " && $0 != "\t" }
        return String(afterWord.drop { $0 == " " || $0 == "\t" })
    }
}

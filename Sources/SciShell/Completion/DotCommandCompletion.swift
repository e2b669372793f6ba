import SciIO
import SciLanguage
import SciPlan

/// Completion on a dot-command line: the command's name, then what its
/// declaration says its arguments are.
extension Completer {
    func dotCommandContext(_ text: String) -> Context {
        // The words as the dot-command will read them; after a space, the
        // word being typed is the empty one that starts there.
        let line = DotCommandSplitter.words(text)
        let words = line.words + (line.endsInWord ? [] : [""])
        let openQuote = line.openQuote
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
            // A dot-command's words take shell quotes, not backquotes.
            return offer(session.tableNames.map { CompletionCandidate(text: $0, quoting: .shellWord) })
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
                // A name holding the open quote cannot be written inside it.
                let paths = Self.paths(matching: word).filter { !$0.unicodeScalars.contains(openQuote) }
                return Context(word: word, candidates: .words(paths), suffix: " ", closing: String(openQuote))
            }
            return offer(Self.paths(matching: word).map { CompletionCandidate(text: $0, quoting: .shellWord) })
        case .helpTopic:
            return offer(.words(HelpText.topics + DotCommands.all.map { "." + $0.name }))
        }
    }

    /// What follows the first word of `text` and the spaces after it.
    static func argumentText(_ text: String) -> String {
        let afterWord = text.drop { $0 != " " && $0 != "\t" }
        return String(afterWord.drop { $0 == " " || $0 == "\t" })
    }
}

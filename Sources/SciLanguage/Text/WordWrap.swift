/// Wraps text for a terminal at word boundaries, by display width (a
/// Chinese character takes two columns). A line's continuation keeps its
/// indent; a two-column row ("  .mode MODE   Sets how…") continues under
/// its second column, or, when its first column is too wide for that, puts
/// the second under it, indented. A word wider than the line (or Chinese
/// text, which has no spaces) is broken between characters.
public enum WordWrap {
    public static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { wrapLine(String($0), width: width) }.joined(separator: "\n")
    }

    static func wrapLine(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        let scalars = Array(line.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        var indent = 0
        while indent < scalars.count, scalars[indent] == " " { indent += 1 }
        // An indent up to the middle is kept (a summary under a synopsis too
        // wide for its column, in .help's summary column); one past it is a
        // right column whose row is stacked at this width, and goes where
        // stacked right columns go, 4 past a row's usual 2.
        let indentWidth = indent <= width / 2 ? indent : min(indent, 6)
        // A two-column row: text, two or more spaces, text.
        var split = indent
        while split < scalars.count, !(scalars[split] == " " && split + 1 < scalars.count && scalars[split + 1] == " ") { split += 1 }
        var second = split
        while second < scalars.count, scalars[second] == " " { second += 1 }
        if split < scalars.count, second < scalars.count {
            let head = text(0..<second)
            let headWidth = DisplayWidth.of(head)
            if headWidth <= width / 2 {
                return fill(head, words(text(second..<scalars.count)), hanging: headWidth, width: width).joined(separator: "\n")
            }
            let under = indentWidth + 4
            let left = fill(String(repeating: " ", count: indentWidth), words(text(indent..<split)), hanging: under, width: width)
            let right = fill(String(repeating: " ", count: under), words(text(second..<scalars.count)), hanging: under, width: width)
            return (left + right).joined(separator: "\n")
        }
        return fill(String(repeating: " ", count: indentWidth), words(text(indent..<scalars.count)), hanging: indentWidth, width: width)
            .joined(separator: "\n")
    }

    static func words(_ text: String) -> [String] {
        text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    /// Lines of `words` after `prefix`, each continuation indented `hanging`.
    static func fill(_ prefix: String, _ words: [String], hanging: Int, width: Int) -> [String] {
        let hangingText = String(repeating: " ", count: hanging)
        var output: [String] = []
        var current = prefix
        var currentHasWords = false
        for word in words {
            let candidate = currentHasWords ? current + " " + word : current + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
                currentHasWords = true
                continue
            }
            if currentHasWords {
                output.append(current)
                current = hangingText
            }
            // The word alone on a line; broken if it is still too wide.
            var piece = current
            for character in word {
                let characterWidth = DisplayWidth.of(String(character))
                if DisplayWidth.of(piece) + characterWidth > width, DisplayWidth.of(piece) > hanging {
                    output.append(piece)
                    piece = hangingText
                }
                piece.append(character)
            }
            current = piece
            currentHasWords = true
        }
        output.append(current)
        return output
    }
}

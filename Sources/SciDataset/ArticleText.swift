/// The article, embedded in the binary, and its division into paragraphs
/// and sentences.
public enum ArticleText {
    public static let fileName = "000_eb17e2b40dd6052c.txt"

    /// The article exactly as in seeds/, byte for byte.
    public static var text: String {
        String(decoding: PackageResources._00_eb17e2b40dd6052c_txt, as: UTF8.self)
    }

    /// The last line that belongs to the article; below it is the page's
    /// furniture (keywords, disclaimer, links).
    static let lastLine = "(文章来源:上游新闻)"

    /// Non-empty lines from the title to the source line.
    public static var paragraphs: [String] {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = String(line).trimmingCharacters(of: " \t\r")
            if trimmed.isEmpty { continue }
            result.append(trimmed)
            if trimmed == lastLine { break }
        }
        return result
    }

    /// Sentences end at 。！？ (the mark stays with its sentence); a
    /// paragraph with none is one sentence.
    public static var sentences: [(paragraph: Int, text: String)] {
        var result: [(Int, String)] = []
        for (index, paragraph) in paragraphs.enumerated() {
            var current = ""
            for character in paragraph {
                current.append(character)
                if character == "。" || character == "！" || character == "？" {
                    result.append((index + 1, current))
                    current = ""
                }
            }
            let rest = current.trimmingCharacters(of: " ")
            if !rest.isEmpty { result.append((index + 1, rest)) }
        }
        return result
    }
}

extension String {
    func trimmingCharacters(of set: String) -> String {
        let drop = Set(set.unicodeScalars)
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, drop.contains(scalars[start]) { start += 1 }
        while end > start, drop.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

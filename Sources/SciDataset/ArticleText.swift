import SciLanguage

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

    /// Non-empty lines from the title to the source line. Worked on UTF-8
    /// bytes: this runs at every start, and grapheme-by-grapheme string
    /// handling cost milliseconds here.
    public static var paragraphs: [String] {
        let bytes = PackageResources._00_eb17e2b40dd6052c_txt
        let stop = Array(lastLine.utf8)
        var result: [String] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var lower = start, upper = end
            while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 || bytes[lower] == 13 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 32 || bytes[upper - 1] == 9 || bytes[upper - 1] == 13 { upper -= 1 }
            if lower < upper {
                let line = bytes[lower..<upper]
                result.append(String(decoding: line, as: UTF8.self))
                if line.elementsEqual(stop) { break }
            }
            start = end + 1
        }
        return result
    }

    /// The UTF-8 bytes of 。！？, which end a sentence.
    static let sentenceEnds: [[UInt8]] = ["。", "！", "？"].map { Array($0.utf8) }

    /// Sentences end at 。！？ (the mark stays with its sentence); a
    /// paragraph with none is one sentence.
    public static var sentences: [(paragraph: Int, text: String)] {
        var result: [(Int, String)] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let bytes = Array(paragraph.utf8)
            var start = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] >= 0xE0, i + 3 <= bytes.count, sentenceEnds.contains(where: { $0.elementsEqual(bytes[i..<(i + 3)]) }) {
                    i += 3
                    result.append((index + 1, String(decoding: bytes[start..<i], as: UTF8.self)))
                    start = i
                } else {
                    i += 1
                }
            }
            var lower = start
            while lower < bytes.count, bytes[lower] == 32 { lower += 1 }
            if lower < bytes.count { result.append((index + 1, String(decoding: bytes[lower..<bytes.count], as: UTF8.self))) }
        }
        return result
    }
}


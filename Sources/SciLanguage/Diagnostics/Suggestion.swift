/// "Did you mean …?": the closest known name to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `name` by edit distance, if it is close enough
    /// to be a plausible typo (at most a third of the name's length, min 1).
    public static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = max(1, target.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.1 ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// `message`, followed by `; did you mean "X"?` when a candidate is close.
    public static func message(_ message: String, for name: String, in candidates: some Sequence<String>) -> String {
        guard let match = nearest(to: name, in: candidates) else { return message }
        return "\(message); did you mean \"\(match)\"?"
    }

    /// The same for a table or column name, suggested as it is typed in a
    /// statement: `Unit Price` and a column named `true` in backquotes.
    public static func message(_ message: String, forName name: String, in candidates: some Sequence<String>) -> String {
        guard let match = nearest(to: name, in: candidates) else { return message }
        return "\(message); did you mean \(NameSpelling.isBare(match) ? "\"\(match)\"" : NameSpelling.spelled(match))?"
    }

    /// Damerau–Levenshtein (optimal string alignment): a swap of two
    /// neighbouring letters counts as one typo.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

extension String {
    /// The text without the given characters at either end, or only at the
    /// start or the end. (Foundation's trimmingCharacters(in:) would bring
    /// Foundation into start-up.) Every layer trims through these.
    public func trimmingCharacters(of set: String, leading: Bool = true, trailing: Bool = true) -> String {
        let drop = Set(set.unicodeScalars)
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while leading, start < end, drop.contains(scalars[start]) { start += 1 }
        while trailing, end > start, drop.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Substring search on UTF-8 bytes: exact, with no Unicode
    /// normalisation, which is what `contains` and `.cite` promise.
    public func utf8Contains(_ needle: String) -> Bool {
        let haystack = Array(utf8)
        let pattern = Array(needle.utf8)
        if pattern.isEmpty { return true }
        guard pattern.count <= haystack.count else { return false }
        let first = pattern[0]
        var i = 0
        let last = haystack.count - pattern.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < pattern.count, haystack[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return true }
            }
            i += 1
        }
        return false
    }
}

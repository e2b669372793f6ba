extension String {
    /// The text without the given characters at either end. (Foundation's
    /// trimmingCharacters(in:) would bring Foundation into start-up.)
    public func trimmingCharacters(of set: String) -> String {
        let drop = Set(set.unicodeScalars)
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, drop.contains(scalars[start]) { start += 1 }
        while end > start, drop.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

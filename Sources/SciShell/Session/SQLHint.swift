import SciLanguage

/// SQL typed out of habit (`select * from metrics`) fails to parse; the
/// error alone ("found *") does not say why. This adds a hint that shows
/// the same query as a pipeline.
enum SQLHint {
    static func hint(for diagnostic: Diagnostic) -> String? {
        guard let line = diagnostic.snippet?.line else { return nil }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).map(String.init)
        guard let first = words.first?.lowercased(), first == "select",
              let from = words.firstIndex(where: { $0.lowercased() == "from" }), from + 1 < words.count else { return nil }
        let table = words[from + 1]
        let list = words[1..<from].joined(separator: " ")
        var example = table
        if let whereIndex = words.firstIndex(where: { $0.lowercased() == "where" }), whereIndex > from, whereIndex + 1 < words.count {
            example += " | where " + words[(whereIndex + 1)...].joined(separator: " ")
        }
        let prefix = "hint: scicity reads pipelines, not SQL: the table first, then stages, as in  "
        if list == "*" || list.isEmpty {
            return prefix + example + (example == table ? " | select COLUMN, ..." : "") + "  (every column: leave select out)"
        }
        return prefix + example + " | select " + list
    }
}

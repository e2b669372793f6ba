import SciLanguage

extension TableRenderer {
    /// The names of the columns left out, as many as fit on the footer's one
    /// line (after `prefix`, within `width`), then "…" for the rest: 300
    /// hidden columns make one line, not a page of names broken mid-word.
    static func namesOnOneLine(_ names: [String], after prefix: String, width: Int?) -> String {
        guard let width else { return names.joined(separator: ", ") }
        let room = width - DisplayWidth.of(prefix)
        var text = ""
        for (index, name) in names.enumerated() {
            let piece = (index == 0 ? "" : ", ") + visible(name)
            let isLast = index == names.count - 1
            // Leave room for ", …" unless this is the last name.
            let needed = DisplayWidth.of(text) + DisplayWidth.of(piece) + (isLast ? 0 : 3)
            if needed > room {
                return text + (text.isEmpty ? "…" : ", …")
            }
            text += piece
        }
        return text
    }
}

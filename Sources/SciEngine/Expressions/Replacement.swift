import SciLanguage

/// regexp_replace's replacement: text in which `\0` … `\9` stand for the
/// match's groups and `\\` for a backslash (RE2's rewrite syntax, which
/// DuckDB uses); any other backslash is an error, as in RE2.
public struct Replacement: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        case text(String)
        case group(Int)
    }

    public let parts: [Part]

    public static func parse(_ source: String, groups: Int?) -> Result<Replacement, PatternProblem> {
        var parts: [Part] = []
        var text = ""
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else { text.unicodeScalars.append(scalar); continue }
            guard let next = scalars.next() else {
                return .failure(PatternProblem(message: "the replacement ends with a lone backslash; write \\\\ for one"))
            }
            if next == "\\" { text += "\\"; continue }
            guard let digit = Int(String(next)), ("0"..."9").contains(next) else {
                return .failure(PatternProblem(message: "\\\(next) in the replacement: only \\0 to \\9 (a group) and \\\\ (a backslash) may follow a backslash"))
            }
            if let groups, digit > groups {
                return .failure(PatternProblem(message: "the replacement refers to group \(digit), but the regular expression has \(groups)"))
            }
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            parts.append(.group(digit))
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return .success(Replacement(parts: parts))
    }

    func check(groups: Int, at range: SourceRange) throws {
        for case .group(let g) in parts where g > groups {
            throw Diagnostic(message: "the replacement refers to group \(g), but the regular expression has \(groups)", range: range)
        }
    }
}

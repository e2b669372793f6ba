import SciEngine

/// concat, split, lpad, rpad, extract and regexp_replace in SQL.
extension SQLFunctions {
    static let textScalars: [String: Scalar] = [
        // Each argument as scicity prints it; a null as empty text.
        "concat": { d, a in "(" + a.map { "COALESCE(\(text($0.sql, $0.type, d)), '')" }.joined(separator: " || ") + ")" },
        "split": { d, a in
            let s = a[0].sql, sep = a[1].sql, n = a[2].sql
            if a[1].type == .null || a[2].type == .null { return d.typedNull(.string) }
            switch d.name {
            case .spark:
                // Spark splits at a regular expression: the separator is quoted.
                guard case .string(let separator)? = a[1].literal, !separator.contains("\\E") else {
                    throw SQLRefusal(construct: "split with a separator that is not written out", dialect: d, reason: "Spark splits at a regular expression")
                }
                if separator.isEmpty { return d.typedNull(.string) }
                let parts = "split(\(s), \(d.string("\\Q" + separator + "\\E")), -1)"
                return "CASE WHEN \(n) < 1 OR \(n) > size(\(parts)) THEN NULL ELSE element_at(\(parts), CAST(\(n) AS INT)) END"
            default:
                return "CASE WHEN \(sep) = '' OR \(n) < 1 OR \(n) > len(string_split(\(s), \(sep))) THEN NULL ELSE split_part(\(s), \(sep), \(n)) END"
            }
        },
        "lpad": { d, a in try pad(d, a, "lpad") },
        "rpad": { d, a in try pad(d, a, "rpad") },
        "extract": { d, a in
            let pattern = try portablePattern(a, "extract", d)
            var group: Int64 = 0
            if a.count == 3, case .integer(let given)? = a[2].literal { group = given }
            let p = d.string(pattern)
            let test = d.name == .spark ? "regexp_like(\(a[0].sql), \(p))" : "regexp_matches(\(a[0].sql), \(p))"
            return "CASE WHEN \(test) THEN regexp_extract(\(a[0].sql), \(p), \(group)) END"
        },
        "regexp_replace": { d, a in
            let pattern = try portablePattern(a, "regexp_replace", d)
            // After a match, RE2 skips an empty match where it ended ("x*" in
            // "axxb" gives "-a-b-"), as scicity does, so DuckDB (RE2) runs
            // such a pattern; Java (Spark) replaces there too, and the others
            // are not known to agree.
            if matchesEmpty(pattern), d.name != .duckdb {
                throw SQLRefusal(construct: "regexp_replace with a pattern that can match nothing", dialect: d,
                                 reason: "the engines differ on where an empty match may follow another")
            }
            if a[2].type == .null { return d.typedNull(.string) }
            guard case .string(let with)? = a[2].literal, case .success(let replacement) = Replacement.parse(with, groups: nil) else {
                throw SQLRefusal(construct: "regexp_replace with a replacement that is not written out", dialect: d)
            }
            switch d.name {
            case .spark:
                return "regexp_replace(\(a[0].sql), \(d.string(pattern)), \(d.string(javaReplacement(replacement))))"
            default:
                return "regexp_replace(\(a[0].sql), \(d.string(pattern)), \(d.string(with)), 'g')"
            }
        },
    ]

    /// The pattern, when it is written out and every engine reads it alike.
    static func portablePattern(_ a: [SQLArgument], _ name: String, _ d: SQLDialect) throws -> String {
        guard case .string(let pattern)? = a[1].literal, portableRegex(pattern) else {
            throw SQLRefusal(construct: "\(name) with this pattern", dialect: d,
                             reason: "only patterns written out of letters, digits, Chinese, spaces and . * + ? | ^ $ ( ) [ ] - are read alike by every engine's regular expressions")
        }
        return pattern
    }

    /// Whether the pattern matches empty text somewhere (`x*`, `^`, `(a|)`).
    static func matchesEmpty(_ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        for text in ["", "a", "x", "重庆"] where text.matches(of: regex).contains(where: { $0.range.isEmpty }) { return true }
        return false
    }

    /// A replacement in Java's syntax: `$n` for a group, `\` escaping.
    static func javaReplacement(_ replacement: Replacement) -> String {
        var out = ""
        for part in replacement.parts {
            switch part {
            case .group(let g): out += "$\(g)"
            case .text(let t):
                for character in t {
                    if character == "\\" || character == "$" { out.append("\\") }
                    out.append(character)
                }
            }
        }
        return out
    }

    /// The engines pad by characters, scicity by display width: the same
    /// only for printable ASCII, so only text and fill written out in it compile.
    static func pad(_ d: SQLDialect, _ a: [SQLArgument], _ name: String) throws -> String {
        func printableASCII(_ argument: SQLArgument) -> Bool {
            guard case .string(let text)? = argument.literal else { return false }
            return text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
        }
        let fill = a.count == 3 ? a[2] : SQLArgument(sql: d.string(" "), type: .string, literal: .string(" "))
        guard printableASCII(a[0]), printableASCII(fill) else {
            throw SQLRefusal(construct: "\(name) of text not written out in ASCII", dialect: d,
                             reason: "scicity pads to a display width (a Chinese character takes two columns), the engine counts characters")
        }
        let s = a[0].sql, n = a[1].sql
        if a[1].type == .null { return d.typedNull(.string) }
        let padded = fill.literal == .string("") ? "left(\(s), CAST(\(n) AS INT))" : "\(name)(\(s), CAST(\(n) AS INT), \(fill.sql))"
        return "CASE WHEN \(n) <= 0 THEN '' ELSE \(padded) END"
    }
}

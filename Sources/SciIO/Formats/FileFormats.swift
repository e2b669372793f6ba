import SciEngine
import SciLanguage

/// One format rows are written in (and read from, where that makes sense),
/// declared once: its names, the file extensions that imply it, what it is,
/// its writer, and its reader. The command line (`--mode`, `--csv`, …),
/// `.mode`, `export … as`, `.import`, `load`, the usage text, `.help
/// formats` and completion all read this list.
public struct FormatDeclaration: Sendable {
    /// How a file of this format is read.
    public enum Reader: Sendable, Equatable {
        /// CSV-like, with this delimiter (nil: sniffed from the first line).
        case delimited(UInt8?)
        /// A JSON array of objects, or one object per line.
        case json
    }

    public let name: String
    public let aliases: [String]
    public let extensions: [String]
    public let summary: String
    /// The writer, and whether in the spreadsheet flavour of CSV.
    public let output: OutputFormat
    public let excel: Bool
    public let reader: Reader?
    /// Whether `--NAME` on the command line chooses it.
    public let hasFlag: Bool

    public func matches(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower == name || aliases.contains(lower)
    }
}

public enum FileFormats {
    public static let all: [FormatDeclaration] = [
        FormatDeclaration(name: "table", aliases: ["box"], extensions: ["txt"],
                          summary: "a grid drawn with box characters, aligned for Chinese text (the prompt's default)",
                          output: .table, excel: false, reader: nil, hasFlag: true),
        FormatDeclaration(name: "csv", aliases: [], extensions: ["csv"],
                          summary: "comma-separated values, RFC 4180",
                          output: .csv, excel: false, reader: .delimited(nil), hasFlag: true),
        FormatDeclaration(name: "excel", aliases: [], extensions: [],
                          summary: "CSV for spreadsheets: a byte-order mark, CRLF, and no text that could run as a formula",
                          output: .csv, excel: true, reader: .delimited(nil), hasFlag: false),
        FormatDeclaration(name: "tsv", aliases: ["tab"], extensions: ["tsv", "tab"],
                          summary: "tab-separated values",
                          output: .tsv, excel: false, reader: .delimited(9), hasFlag: true),
        FormatDeclaration(name: "json", aliases: [], extensions: ["json"],
                          summary: "an array of objects with typed values",
                          output: .json, excel: false, reader: .json, hasFlag: true),
        FormatDeclaration(name: "jsonl", aliases: ["ndjson"], extensions: ["jsonl", "ndjson"],
                          summary: "one JSON object per line",
                          output: .jsonl, excel: false, reader: .json, hasFlag: true),
        FormatDeclaration(name: "markdown", aliases: ["md"], extensions: ["md", "markdown"],
                          summary: "a GitHub table",
                          output: .markdown, excel: false, reader: nil, hasFlag: true),
        FormatDeclaration(name: "xlsx", aliases: [], extensions: ["xlsx"],
                          summary: "an Excel workbook: numbers, dates and text typed, bold frozen header (to a file or pipe)",
                          output: .xlsx, excel: false, reader: nil, hasFlag: true),
    ]

    /// The format called `word` (a name or an alias, any case).
    public static func named(_ word: String) -> FormatDeclaration? {
        all.first { $0.matches(word) }
    }

    /// The format a file name's extension implies.
    public static func forPath(_ path: String) -> FormatDeclaration? {
        let lower = path.lowercased()
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        let ext = String(lower[lower.index(after: dot)...])
        return all.first { $0.extensions.contains(ext) }
    }

    /// Every name, for messages and completion.
    public static var names: [String] { all.map(\.name) }

    /// "table, csv, … or xlsx", for messages.
    public static var list: String {
        let names = self.names
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The error for a name no format has, with the nearest one.
    public static func unknown(_ word: String, what: String = "format") -> String {
        Suggestion.message("unknown \(what) \"\(word)\"", for: word, in: names + all.flatMap(\.aliases))
    }

    /// How a file at `path` is read: by its extension, else CSV sniffed.
    public static func reader(for path: String) -> FormatDeclaration.Reader {
        forPath(path)?.reader ?? .delimited(nil)
    }
}

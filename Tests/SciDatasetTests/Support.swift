import SciDataset
import SciEngine
import SciShell
import Testing

enum PackageResourcesProbe {
    static var articleBytes: [UInt8] { Array(ArticleText.text.utf8) }
}

extension Transcript {
    /// The single value a one-cell query prints.
    static func value(_ text: String) -> String {
        let transcript = Transcript.of(text, format: .csv, name: "<test>")
        let lines = transcript.output.split(separator: "\n")
        return lines.count == 2 ? String(lines[1]) : "unexpected: \(transcript.output)\(transcript.messages)"
    }
}

/// The dataset's tables as text, for the suites that check them against the
/// article's words.
protocol DatasetReading {
    var tables: [String: Table] { get }
}

extension DatasetReading {
    static func loadTables() throws -> [String: Table] {
        Dictionary(uniqueKeysWithValues: try Dataset.load().map { ($0.name, $0.table) })
    }

    /// sentences.id → text
    static var sentenceTexts: [Int: String] {
        Dictionary(uniqueKeysWithValues: ArticleText.sentences.enumerated().map { ($0.offset + 1, $0.element.text) })
    }

    func strings(_ table: String, _ column: String) -> [String?] {
        guard let t = tables[table], let c = t.column(named: column) else {
            Issue.record("no column \(table).\(column)")
            return []
        }
        return (0..<t.rowCount).map { c.isNull($0) ? nil : c[$0].description }
    }

    /// Rows of a table as column name → text (nil for null).
    func rows(_ table: String) -> [[String: String?]] {
        guard let t = tables[table] else {
            Issue.record("no table \(table)")
            return []
        }
        return (0..<t.rowCount).map { row in
            Dictionary(uniqueKeysWithValues: zip(t.columnNames, t.columns).map { ($0, $1.isNull(row) ? nil : $1[row].description) })
        }
    }

    var ids: Set<String> {
        Set((strings("entities", "id") + strings("people", "id")).compactMap { $0 })
    }
}

import SciDataset
import SciShell

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

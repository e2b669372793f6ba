import Foundation
import SciIO
@testable import SciShell
import Testing

/// Each format is declared once, and every way of choosing one reads the
/// declaration: a format added there is usable everywhere.
@Suite struct FormatCatalogTests {
    @Test(arguments: FileFormats.all.map(\.name))
    func everyFormatIsChosenTheSameEveryWay(name: String) throws {
        let format = try #require(FileFormats.named(name))
        // The command line.
        let options = try CommandLineOptions.parse(["--mode", name.uppercased()])
        #expect(format.excel ? options.excel : options.format == format.output)
        if format.hasFlag { #expect(try CommandLineOptions.parse(["--" + name]).format == format.output) }
        #expect(CommandLineOptions.usage.contains(name))
        // .mode, completion and .help formats.
        let mode = Transcript.of(".mode \(name)\n.mode", format: .table)
        #expect(mode.errors == 0, "\(mode.messages)")
        #expect(mode.messages.contains("mode: \(format.excel ? "excel" : format.output.rawValue)"))
        let session = try Session(environment: ShellEnvironment.capturing().0)
        #expect(Completer(session: session).candidates(before: ".mode ").candidates.contains(name))
        #expect(try HelpText.text(for: "formats").contains("  \(name)"))
        // export … as, and by the file's extension.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.bin").path
        let exported = Transcript.of("people | take 2 | export \"\(target)\" as \(name)")
        #expect(exported.errors == 0, "\(exported.messages)")
        for ext in format.extensions {
            #expect(FileFormats.forPath("a/b.\(ext.uppercased())")?.name == name)
        }
        // A format that can be read is read back by load.
        if format.reader != nil, let ext = format.extensions.first ?? (format.excel ? "csv" : nil) {
            let file = folder.appendingPathComponent("back.\(ext)").path
            #expect(Transcript.of("people | take 2 | select id | export \"\(file)\" as \(name)").errors == 0)
            #expect(Transcript.of("load \"\(file)\" | count", format: .csv).output == "count\n2\n", "\(name)")
        }
    }

    @Test func unknownFormatsSuggestTheNearest() {
        #expect(Transcript.of(#"people | export "/tmp/x.csv" as exel"#).messages.contains(#"unknown format "exel"; did you mean "excel"?"#))
        #expect(Transcript.of(".mode jsn").messages.contains(#"unknown mode "jsn"; did you mean "json"?"#))
    }
}

import Foundation
import SciIO
import SciPlan
import SciLanguage
@testable import SciShell
import Testing

@Suite struct DotCommandTests {
    func run(_ text: String) -> Transcript { Transcript.of(text, format: .csv) }

    @Test func tablesListsRowCounts() {
        let output = run(".tables").output
        #expect(output.hasPrefix("table,rows,columns,source\nentities,64,8,dataset\n"))
        #expect(output.contains("sentences,"))
    }

    @Test func schemaShowsTypesAndMeanings() {
        let output = run(".schema metrics").output
        #expect(output.hasPrefix("column,type,meaning\nentity,string,"))
        #expect(output.contains("value,decimal,"))
        #expect(output.contains("as_of,date,"))
    }

    @Test func modeAndHeaders() {
        #expect(run(".mode tsv\n.headers off\npeople | select id, name | take 1").output == "bian_xiuwu\t卞修武\n")
        #expect(run(".mode nope").messages.contains("unknown mode \"nope\""))
    }

    @Test func onceAndOutputWriteFiles() throws {
        let path = NSTemporaryDirectory() + "scicity-once-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let transcript = run(".once \(path)\npeople | count\npeople | count")
        #expect(transcript.output == "count\n6\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "count\n6\n")

        let all = NSTemporaryDirectory() + "scicity-output-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: all) }
        #expect(run(".output \(all)\npeople | count\nevents | count\n.output\narticle | count").output == "count\n1\n")
        #expect(try String(contentsOfFile: all, encoding: .utf8) == "count\n6\ncount\n8\n")
    }

    /// `.once` is for the next statement even when it fails or is stopped
    /// (as sqlite3's): the result after it is shown, not sent to the file
    /// unseen, and no file is made. Ctrl-C landing inside an expression
    /// before anything was written left it armed, and `b | count` printed
    /// nothing (found by InterruptTests once expressions heard Ctrl-C).
    @Test func onceIsSpentByAStatementThatFails() throws {
        let path = NSTemporaryDirectory() + "scicity-once-failed-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let transcript = Transcript.of(".once \(path)\npeople | where nosuch > 1\npeople | count", format: .csv, keepGoing: true)
        #expect(transcript.output == "count\n6\n")
        #expect(transcript.messages.contains("unknown column"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A file that cannot be written is an error of the `.once` or
    /// `.output` that names it (as in sqlite3), not of the statement after;
    /// that statement's result is then shown as usual.
    @Test(arguments: [".once", ".output"])
    func aFileThatCannotBeWrittenIsTheDotCommandsError(command: String) throws {
        let transcript = Transcript.of("\(command) /nonexistent-folder/x.csv\npeople | count", format: .csv, name: "s.sq", keepGoing: true)
        #expect(transcript.messages.hasPrefix("s.sq:1:1: error: cannot write /nonexistent-folder/x.csv: the folder /nonexistent-folder does not exist"), "\(transcript.messages)")
        #expect(transcript.errors == 1)
        #expect(transcript.output == "count\n6\n")
        let folder = NSTemporaryDirectory()
        #expect(Transcript.of("\(command) \(folder)\npeople | count", format: .csv, keepGoing: true).messages.contains("it is a directory"))
        // A folder the file system refuses whatever the permissions say
        // (sysfs refuses even root, as CI runs): found by trying, when typed.
        let refused = Transcript.of("\(command) /sys/x.csv\npeople | count", format: .csv, name: "s.sq", keepGoing: true)
        #expect(refused.messages.hasPrefix("s.sq:1:1: error: cannot write /sys/x.csv: "), "\(refused.messages)")
        #expect(refused.output == "count\n6\n")
    }

    @Test func anOutputFileRefusedSaysWhereResultsStillGo() throws {
        let good = NSTemporaryDirectory() + "scicity-still-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: good) }
        let transcript = Transcript.of(".output \(good)\n.output /nonexistent-folder/x.csv\npeople | count", format: .csv, name: "s.sq", keepGoing: true)
        #expect(transcript.messages.contains("does not exist; results still go to \(good)"), "\(transcript.messages)")
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "count\n6\n")
        let once = Transcript.of(".output \(good)\n.once /nonexistent-folder/x.csv", format: .csv, name: "s.sq", keepGoing: true)
        #expect(once.messages.contains("does not exist; the next result goes to \(good)"), "\(once.messages)")
    }

    @Test func readRunsAFileAndItsErrorsNameIt() throws {
        let path = NSTemporaryDirectory() + "scicity-read-\(UUID().uuidString).sq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "people | count\n\npeople | wher x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let transcript = run(".read \(path)\narticle | count")
        #expect(transcript.output == "count\n6\n")
        #expect(transcript.messages.hasPrefix("\(path):3:10: error: unknown stage \"wher\""))
    }

    @Test func importMakesATableWithInferredAndForcedTypes() throws {
        let path = NSTemporaryDirectory() + "scicity-import-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "code,value,day\n007,1.5,2023-03-27\n010,2,2023-03-28\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run(".import \(path) as mine\n.schema mine").output == "column,type\ncode,string\nvalue,decimal\nday,date\n")
        #expect(run(".import \(path) as mine --type value=string\n.schema mine").output.contains("value,string"))
        #expect(run("load \"\(path)\" | summarize s = sum(value)").output == "s\n3.5\n")
    }

    @Test func importNamesTheTableAfterTheFileAndRejectsUnknownOptions() throws {
        let path = NSTemporaryDirectory() + "scicity-import-\(UUID().uuidString.prefix(4))-my-facts.csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a\n1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let name = DataCommands.defaultName(for: path)
        #expect(name.hasSuffix("_my_facts"))
        #expect(run(".import \(path)\n\(name) | count").output == "count\n1\n")
        #expect(run(".import \(path) --frob").messages.contains("unexpected \"--frob\""))
        #expect(run(".import \(path) as 9bad").messages.contains("expected a table name after \"as\""))
        #expect(run(".import /nonexistent.csv").messages.contains("cannot open /nonexistent.csv"))
    }

    @Test func exportChoosesItsFormatByAsOrExtensionAndLoadReadsItBack() throws {
        let base = NSTemporaryDirectory() + "scicity-export-\(UUID().uuidString)"
        defer { for ext in ["xlsx.csv", "json", "tsv"] { try? FileManager.default.removeItem(atPath: "\(base).\(ext)") } }
        #expect(run(#"article | select f = "=1", n = -5 | export "\#(base).xlsx.csv" as excel"#).errors == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(base).xlsx.csv")) == Data("\u{FEFF}f,n\r\n'=1,-5\r\n".utf8))
        #expect(run(#"metrics | select metric, value, as_of | export "\#(base).json""#).errors == 0)
        #expect(try String(contentsOfFile: "\(base).json", encoding: .utf8).hasPrefix("[\n{\"metric\":\"projects_supported\",\"value\":8,\"as_of\":\"2023-03-27\"}"))
        #expect(run(#"load "\#(base).json" | summarize n = count(), s = sum(value), first = min(as_of)"#).output == "n,s,first\n13,147614.4,2023-03-27\n")
        #expect(run(#"people | select id | export "\#(base).tsv""#).errors == 0)
        #expect(run(#"load "\#(base).tsv" | count"#).output == "count\n6\n")
        #expect(run(#"people | export "\#(base).tsv" as xml"#).messages.contains("unknown format \"xml\""))
    }

    @Test func modeWithoutAnArgumentSaysTheMode() {
        #expect(run(".mode").messages == "mode: csv\n")
    }

    @Test func citeShowsTheSentencesAFactCameFrom() {
        let output = run(".cite 128").output
        #expect(output.hasPrefix("id,paragraph,text\n"))
        #expect(output.contains("占地面积128亩的金凤实验室"))
        #expect(run(".cite 不存在的词").output == "id,paragraph,text\n")
    }

    @Test func citeHighlightsTheMatchOnATerminal() throws {
        let captured = CapturedOutput()
        var environment = ShellEnvironment(writeOutput: { captured.output.append(contentsOf: $0) }, writeMessage: { captured.messages += $0 })
        environment.outputIsTerminal = true
        environment.colorAllowed = true
        var session = try Session(environment: environment)
        session.run(.init(name: "t", text: ".cite 深圳湾"))
        #expect(captured.text.contains("\u{1B}[1;33m深圳湾\u{1B}[0m"))
        #expect(captured.text.hasSuffix("1 sentence\n"))
    }

    @Test func timerReportsOnStandardError() {
        let transcript = run(".timer on\npeople | count")
        #expect(transcript.messages.hasPrefix("Run Time: "))
        #expect(transcript.output == "count\n6\n")
    }

    /// A bare ; ends the statement: the delimiter is written ";" or
    /// semicolon (the usage said ; alone, which could never arrive).
    @Test func aSemicolonDelimiterIsNamedOrQuoted() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-semicolon-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a;b\tc\n1;2\n3;4\n".write(toFile: path, atomically: true, encoding: .utf8)
        for spelling in ["semicolon", "\";\""] {
            let transcript = run(".import \"\(path)\" as t --delimiter \(spelling)\nt | summarize s = sum(a)")
            #expect(transcript.output.hasSuffix("s\n4\n"), "\(spelling): \(transcript.messages)")
        }
        #expect(run(".import \"\(path)\" as t --delimiter ;").messages.contains("a bare ; ends the statement"))
    }

    @Test func unknownCommandsGetSuggestions() {
        #expect(run(".tabels").messages.contains("unknown command \".tabels\"; did you mean \".tables\"?"))
        #expect(run(".help .tabels").messages.contains("no help on \".tabels\"; did you mean \".tables\"?"))
        #expect(run(".help jion").messages.contains("no help on \"jion\"; did you mean \"join\"?"))
    }

    @Test func quitStopsTheRest() {
        #expect(run("people | count\n.quit\nevents | count").output == "count\n6\n")
    }

    /// Every example that `.help` shows runs, in a fresh session and
    /// without files made by the tests, and prints what docs/EXAMPLES.md
    /// says it prints (DocumentationTests compares the outputs).
    @Test func everyHelpExampleRunsAndIsInTheExamplesDocument() throws {
        let document = try String(contentsOf: DocumentationTests.docs.appendingPathComponent("EXAMPLES.md"), encoding: .utf8)
        for example in HelpText.allExamples {
            let transcript = Transcript.of(example, format: .table, name: "-c")
            #expect(transcript.errors == 0, "example failed: \(example)\n\(transcript.messages)")
            #expect(document.contains("```scicity\n\(example)\n```"), "docs/EXAMPLES.md lacks: \(example)")
        }
    }

    @Test func helpCoversEveryCommandStageAndFunction() throws {
        let overview = try HelpText.text(for: nil)
        for command in DotCommands.all { #expect(overview.contains(command.usage)) }
        for topic in ["join", ".import", "round", "median", "stages", "functions", "aggregates", "commands"] {
            #expect(try HelpText.text(for: topic).isEmpty == false)
        }
        #expect(throws: (any Error).self) { try HelpText.text(for: "jion") }
    }

    /// Wrapped to a terminal, the summaries still start in one column, the
    /// moved ones (join's, .import's, .sql's) too: beside the synopses where
    /// there is room, under them, indented, where there is not.
    @Test(arguments: [(80, 6), (120, 48)])
    func helpWrappedToATerminalKeepsSummariesInOneColumn(width: Int, column: Int) throws {
        let lines = WordWrap.wrap(try HelpText.text(for: nil), width: width).split(separator: "\n").map(String.init)
        for summary in ["One row, one column named count", "Pairs each row with the rows of TABLE", "Makes a table of a CSV", "Shows the SQL a pipeline"] {
            let line = lines.first { $0.contains(summary) } ?? ""
            let start = line.range(of: summary).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
            #expect(start == column, "\(summary): \(line)")
        }
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
    }

    /// Every summary in the overview starts in one column; a synopsis too
    /// wide for its column (chart's, .import's) has its summary below it.
    @Test func helpSummariesStartInOneColumn() throws {
        let lines = try HelpText.text(for: nil).split(separator: "\n").map { Array($0) }
        guard let first = lines.firstIndex(of: Array("Stages:")) else { Issue.record("no Stages section"); return }
        let column = 2 + 44 + 2
        var rows = 0
        for index in lines.indices where index > first && lines[index].starts(with: "  ") && lines[index][2] != " " {
            let line = lines[index]
            let next = index + 1 < lines.count ? lines[index + 1] : []
            let sameLine = line.count > column && line[column - 2] == " " && line[column - 1] == " " && line[column] != " "
            let below = next.count > column && next.prefix(column).allSatisfy { $0 == " " } && next[column] != " "
            #expect(sameLine || below, "\(String(line))")
            rows += 1
        }
        #expect(rows == StageCatalog.all.count + DotCommands.all.count)
    }
}

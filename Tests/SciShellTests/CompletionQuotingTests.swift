import Foundation
import SciLanguage
@testable import SciShell
import Testing

/// What Tab inserts parses: a name that is not one plain word goes in
/// backquotes, a value is escaped for its string, and a dot-command's path
/// with a space goes in double quotes.
@Suite struct CompletionQuotingTests {
    let session: Session
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-quoting-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/my folder", withIntermediateDirectories: true)
        let csv = "Unit Price,Unit Cost,by,order id,名称 (中文),名称（全角）,plain\n1,2,3,4,科学城,x,\"say \"\"hi\"\"\"\n1,2,3,4,科学城,x,C:\\temp\n"
        try csv.write(toFile: folder + "/sales.csv", atomically: true, encoding: .utf8)
        try csv.write(toFile: folder + "/my data.csv", atomically: true, encoding: .utf8)
        try "Unit,Unit Price,名称,名称 (中文)\n1,2,3,4\n".write(toFile: folder + "/mixed.csv", atomically: true, encoding: .utf8)
        var session = try Session(environment: ShellEnvironment.capturing().0)
        session.run(SourceText(name: "setup", text: ".import \"\(folder)/sales.csv\" as sales\n.import \"\(folder)/sales.csv\" as by\n.import \"\(folder)/mixed.csv\" as mixed\n"))
        self.session = session
    }

    func complete(_ text: String, after: String = "") -> Completion {
        Completer(session: session).complete(before: text, after: after)
    }

    /// The line after Tab: what it replaces taken back, what it inserts added.
    func completed(_ text: String) -> String {
        let completion = complete(text)
        var scalars = Array(text.unicodeScalars)
        scalars.removeLast(min(completion.replace, scalars.count))
        return String(String.UnicodeScalarView(scalars)) + completion.insert
    }

    @Test func aNameWithASpaceOrPunctuationGoesInBackquotes() throws {
        #expect(complete("sales | select ord") == Completion(insert: "`order id` ", candidates: [], replace: 3))
        #expect(complete("sales | select `名称 (") == Completion(insert: "中文)` ", candidates: []))
        // A shared start that is bare (名称) but leads only to names that
        // need quotes opens the backquote, not a dead end.
        #expect(complete("sales | select 名") == Completion(insert: "`名称", candidates: ["`名称 (中文)`", "`名称（全角）`"], replace: 1))
        #expect(complete("sales | select pl") == Completion(insert: "ain ", candidates: []))
        // Several names that share a start with a space: the backquote opens,
        // and the next Tab goes on inside it.
        #expect(complete("sales | where Un") == Completion(insert: "`Unit ", candidates: ["`Unit Price`", "`Unit Cost`"], replace: 2))
        // A bare name among them: the start stays bare, so the line runs
        // as it is (`Unit`); the listing shows the backquote for the rest.
        #expect(complete("mixed | select Un") == Completion(insert: "it", candidates: ["Unit", "`Unit Price`"]))
        #expect(complete("mixed | select 名") == Completion(insert: "称", candidates: ["名称", "`名称 (中文)`"]))
        #expect(complete("sales | where `Unit P") == Completion(insert: "rice` ", candidates: []))
        #expect(complete("sales | where `Unit P", after: "` > 1") == Completion(insert: "rice", candidates: [], stepOver: 2))
        // A closing backquote already there (a recalled line, edited) is
        // stepped over, not doubled.
        #expect(complete("sales | select `Unit P", after: "`") == Completion(insert: "rice", candidates: [], stepOver: 1))
        // A bare word followed by a space: the space is stepped over too.
        #expect(complete("sales | select pl", after: " , by") == Completion(insert: "ain", candidates: [], stepOver: 1))
        // Inside backquotes only names are offered.
        #expect(Completer(session: session).candidates(before: "sales | where `").candidates.contains("`plain`"))
        #expect(Completer(session: session).candidates(before: "sales | where `").candidates.contains("sum") == false)
    }

    @Test func afterAWholeOperandOnlyKeywordsFollow() {
        // `desc`, `by` and `and` there are the keywords, not the column `by`.
        #expect(completed("sales | sort plain de") == "sales | sort plain desc ")
        #expect(completed("sales | summarize n = count() b") == "sales | summarize n = count() by ")
        #expect(completed(#"sales | where plain == "x" an"#) == #"sales | where plain == "x" and "#)
        #expect(completed("sales | where plain is null an") == "sales | where plain is null and ")
        // After a keyword, names again.
        #expect(completed("sales | where plain == \"x\" and pl") == "sales | where plain == \"x\" and plain ")
        #expect(completed("sales | summarize n = count() by pl") == "sales | summarize n = count() by plain ")
        #expect(complete("sales | sort d").candidates.contains("desc"))
    }

    @Test func aNameThatIsAKeywordGoesInBackquotes() {
        #expect(completed("sales | sort `b") == "sales | sort `by` ")
        #expect(completed("sales | select b") == "sales | select `by` ")
        #expect(complete("sales | select o").candidates.starts(with: ["`order id`"]))
    }

    @Test func whatTabInsertsParsesAndRuns() throws {
        for typed in ["sales | select ord", "sales | select `名称 (", "sales | select `Unit P", "sales | sort `b", "sales | select b"] {
            let line = completed(typed)
            var copy = session
            let (environment, output) = ShellEnvironment.capturing()
            copy.environment = environment
            copy.run(SourceText(name: "typed", text: line + "| count\n"))
            #expect(output.messages.isEmpty, "\(line): \(output.messages)")
            #expect(output.text.contains("2"), "\(line): \(output.text)")
        }
    }

    @Test func aValueIsEscapedForItsString() {
        #expect(completed(#"sales | where plain == "say"#) == #"sales | where plain == "say \"hi\"" "#)
        #expect(completed("sales | where plain == 'say") == #"sales | where plain == 'say "hi"' "#)
        #expect(completed(#"sales | where plain == "C:"#) == #"sales | where plain == "C:\\temp" "#)
        #expect(completed("sales | where `名称 (中文)` == \"") == "sales | where `名称 (中文)` == \"科学城\" ")
        // A closing quote already there is stepped over.
        #expect(complete(#"sales | where plain == "C"#, after: "\"") == Completion(insert: #":\\temp"#, candidates: [], stepOver: 1))
        // Values in order, and none for a number column (in quotes it
        // would not compare).
        #expect(complete(#"sales | where plain == ""#).candidates == [#"C:\\temp"#, #"say \"hi\""#])
        #expect(complete("sales | where `order id` == \"").candidates.isEmpty)
        #expect(complete("sales | where `order id` == \"").insert.isEmpty)
    }

    @Test func aPathWithASpaceGoesInDoubleQuotes() throws {
        // Two paths share "my ": the quote opens, and the next Tab goes on
        // inside it.
        #expect(complete(".import \(folder)/my") == Completion(
            insert: "\"\(folder)/my ", candidates: ["\"\(folder)/my data.csv\"", "\"\(folder)/my folder/\""],
            replace: "\(folder)/my".unicodeScalars.count))
        #expect(completed(".import \(folder)/my_") == ".import \(folder)/my_")
        #expect(completed(".import \(folder)/sa") == ".import \(folder)/sales.csv ")
        // Inside an open quote the path goes on to its closing quote; a
        // folder leaves it open for the rest of the path.
        #expect(completed(".import \"\(folder)/my d") == ".import \"\(folder)/my data.csv\" ")
        #expect(completed(".import '\(folder)/my fo") == ".import '\(folder)/my folder/")
        #expect(completed(".import \"\(folder)/my data.csv\" as s") == ".import \"\(folder)/my data.csv\" as s", "a name is typed, not completed")
        #expect(completed(".import \"\(folder)/my data.csv\" --t") == ".import \"\(folder)/my data.csv\" --type ")
        // Typed bare, a path that needs quotes is put in them.
        let only = folder + "/only"
        try FileManager.default.createDirectory(atPath: only, withIntermediateDirectories: true)
        try "a\n1\n".write(toFile: only + "/the data.csv", atomically: true, encoding: .utf8)
        #expect(completed(".import \(only)/th") == ".import \"\(only)/the data.csv\" ")
        try FileManager.default.createDirectory(atPath: only + "/a b", withIntermediateDirectories: true)
        #expect(completed(".read \(only)/a") == ".read \"\(only)/a b/")
        // A double quote in the name: single quotes, which keep it.
        try "a\n1\n".write(toFile: only + "/q\"uote.csv", atomically: true, encoding: .utf8)
        #expect(completed(".import \(only)/q") == ".import '\(only)/q\"uote.csv' ")
        // A closing quote already there is stepped over.
        #expect(complete(".import \"\(only)/th", after: "\"").insert == "e data.csv")
        // Inside double quotes a name holding one cannot be written.
        #expect(complete(".import \"\(only)/q").candidates.isEmpty)
        #expect(complete(".import \"\(only)/q").insert.isEmpty)
    }

    @Test func didYouMeanSpellsANameAsItIsTyped() {
        var copy = session
        let (environment, output) = ShellEnvironment.capturing()
        copy.environment = environment
        copy.run(SourceText(name: "typed", text: "sales | select Unit_Price\n"))
        #expect(output.messages.contains("did you mean `Unit Price`?"), "\(output.messages)")
        copy.run(SourceText(name: "typed", text: "sales | select plan\n"))
        #expect(output.messages.contains(#"did you mean "plain"?"#), "\(output.messages)")
    }

    @Test func aDotCommandsTableIsNotBackquoted() {
        #expect(completed(".schema b") == ".schema by ")
    }

    @Test func dotCommandArgumentsFromTheirDeclarations() {
        #expect(completed(".engine d") == ".engine duckdb ")
        #expect(completed(".limit m") == ".limit memory ")
        #expect(completed(".sql sp") == ".sql spark ")
        #expect(completed(".sql spark sal") == ".sql spark sales ")
        #expect(completed(".sql sales | wh") == ".sql sales | where ")
        #expect(completed(".help ty") == ".help types ")
        #expect(completed(".help .tab") == ".help .tables ")
    }
}

import Foundation
import Testing

/// Errors that name where they happened and say what to do.
@Suite struct ScriptDiagnosticsTests {
    @Test func aFailingDotCommandInAScriptNamesFileAndLine() throws {
        let folder = try Binary.temporaryDirectory()
        let script = folder.appendingPathComponent("load.sq")
        try "people | count\n.import missing.csv\npeople | count\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run([script.path, "--csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.text == "count\n6\n")
        #expect(result.errors == """
        \(script.path):2:1: error: cannot open missing.csv: No such file or directory
          .import missing.csv
          ^~~~~~~~~~~~~~~~~~~

        """)
    }

    @Test func sqlGetsAHintTowardsThePipelineForm() throws {
        let star = try Binary.run(["-c", "select * from metrics"])
        #expect(star.status == 1)
        #expect(star.errors.contains(#"found "*""#))
        #expect(star.errors.contains("hint: scicity reads pipelines, not SQL: the table first, then stages, as in  metrics | select COLUMN, ..."), "\(star.errors)")
        let columns = try Binary.run(["-c", #"SELECT name, name_en FROM people WHERE title contains "院士""#])
        let hint = #"as in  people | where title contains "院士" | select name, name_en"#
        #expect(columns.errors.contains(hint), "\(columns.errors)")
        // The hint's pipeline runs.
        let run = try Binary.run(["--csv", "-c", #"people | where title contains "院士" | select name, name_en"#])
        #expect(run.status == 0)
        #expect(run.text.hasPrefix("name,name_en\n卞修武,Bian Xiuwu\n"))
    }

    @Test func anOrdinaryErrorGetsNoSQLHint() throws {
        let result = try Binary.run(["-c", "people | where nope > 1"])
        #expect(result.status == 1)
        #expect(!result.errors.contains("hint"))
    }
}

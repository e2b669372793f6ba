import Foundation
import Testing

/// The non-interactive ways to use scicity, through the real binary.
@Suite struct CommandLineEndToEndTests {
    @Test func theLanguageIssueExamplesWorkExactlyAsWritten() throws {
        let statements = [
            #"entities | where kind == "lab" | select id, name, name_en"#,
            #"metrics | where unit == "亩" | summarize total = sum(value)"#,
            #"metrics | summarize n = count(), total = sum(value) by unit | sort n desc"#,
            #"people | where title contains "院士" | select name, name_en | sort name_en"#,
            #"events | where date >= @2023-01-01 | sort date"#,
            #"relations | join entities on object == id | select subject, relation, name"#,
            #"let big = metrics | where value >= 1000"#,
            #"big | select entity, metric, value, qualifier"#,
        ]
        let result = try Binary.run(statements.flatMap { ["-c", $0] } + ["--csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
        let text = result.text
        #expect(text.contains("id,name,name_en\njinfeng_lab,金凤实验室,Jinfeng Laboratory\n"))
        #expect(text.contains("total\n231\n"))
        #expect(text.contains("unit,n,total\n个,4,360\n"))
        #expect(text.contains("name,name_en\n卞修武,Bian Xiuwu\n董晨,Dong Chen\n"))
        #expect(text.contains("date,precision,time_hint,not_after,entity,event,event_en,counterpart,quote\n2023-01,month,今年1月,,jinfeng_lab,"))
        #expect(text.contains("subject,relation,name\nparty_20th_congress,writes_into_report,成渝地区双城经济圈\n"))
        #expect(text.hasSuffix("entity,metric,value,qualifier\nremote_consultation_system,hospitals_supported_online,5000,over\ncas_center_phase_one,floor_area,140000,about\nscience_city_core,tech_enterprises,2000,over\n"))
    }

    @Test func aScriptErrorNamesFileLineAndColumnAndStops() throws {
        let folder = try Binary.temporaryDirectory()
        let script = folder.appendingPathComponent("report.sq")
        try "# a report\npeople | count\n\nmetrics | where vaule > 3\nevents | count\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run([script.path, "--csv"])
        #expect(result.status == 1)
        #expect(result.text == "count\n6\n")
        #expect(result.errors == """
        \(script.path):4:17: error: unknown column "vaule"; did you mean "value"?
          metrics | where vaule > 3
                          ^~~~~

        """)
        let going = try Binary.run(["--keep-going", script.path, "--csv"])
        #expect(going.status == 1)
        #expect(going.text == "count\n6\ncount\n8\n")
    }

    @Test func anExecutableScriptWithAShebangRuns() throws {
        let folder = try Binary.temporaryDirectory()
        let script = folder.appendingPathComponent("labs.sq")
        try "#!/usr/bin/env scicity\n.mode csv\nentities | where kind == \"lab\" | count\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let result = try Binary.shell("'\(script.path)'")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "count\n4\n")
    }

    @Test func statementsOnStandardInputRunWithoutAPrompt() throws {
        let result = try Binary.run(["--csv"], input: "people | count\nevents |\n  count\n")
        #expect(result.status == 0)
        #expect(result.text == "count\n6\ncount\n8\n")
        #expect(result.errors.isEmpty)
        let failing = try Binary.run([], input: "people | cont\n")
        #expect(failing.status == 1)
        #expect(failing.errors.hasPrefix("<stdin>:1:10: error: unknown stage \"cont\"; did you mean \"count\"?"))
    }

    @Test func usageErrorsHelpAndVersion() throws {
        let bad = try Binary.run(["--frobnicate"])
        #expect(bad.status == 2)
        #expect(bad.errors.hasPrefix("scicity: unknown option --frobnicate\n"))
        #expect(bad.text.isEmpty)
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.text.hasPrefix("usage: scicity [OPTIONS] [FILE...]"))
        let version = try Binary.run(["--version"])
        #expect(version.text.hasPrefix("scicity "))
        let missing = try Binary.run(["/nonexistent/script.sq"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("cannot open /nonexistent/script.sq"))
    }

    @Test func modesAndFormats() throws {
        #expect(try Binary.run(["-c", "people | take 1 | select id", "--json"]).text == "[\n{\"id\":\"bian_xiuwu\"}\n]\n")
        #expect(try Binary.run(["-c", "people | take 1 | select id", "--mode", "tsv", "--no-headers"]).text == "bian_xiuwu\n")
        #expect(try Binary.run(["-c", "people | take 1 | select id", "--markdown"]).text == "| id |\n|---|\n| bian_xiuwu |\n")
        let excel = try Binary.run(["-c", #"article | select f = "=1", n = -5"#, "--csv", "--excel"])
        #expect(Array(excel.output) == Array("\u{FEFF}f,n\r\n'=1,-5\r\n".utf8))
    }

    @Test func aReaderThatClosesEarlyEndsScicityQuietly() throws {
        let folder = try Binary.temporaryDirectory()
        let big = folder.appendingPathComponent("big.csv")
        var text = "id,name\n"
        for i in 0..<200_000 { text += "\(i),科学城\(i % 97)\n" }
        try text.write(to: big, atomically: true, encoding: .utf8)
        let result = try Binary.shell("scicity -c 'load \"\(big.path)\"' --csv | head -1")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "id,name\n")
        #expect(result.errors.isEmpty)
    }

    @Test func theTableFitsTheWidthInColumns() throws {
        let result = try Binary.run(["-c", "sentences | take 3"], environment: ["COLUMNS": "60"])
        for line in result.text.split(separator: "\n") where line.hasPrefix("│") {
            #expect(DisplayColumns.width(String(line)) <= 60, "\(line)")
        }
        #expect(result.text.contains("…"))
    }
}

enum DisplayColumns {
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}

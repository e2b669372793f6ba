import Foundation
import Testing

/// Charts through the real binary: plain text in a pipe, fitted to
/// COLUMNS, Chinese labels aligned, coloured only on a terminal without
/// NO_COLOR, and an SVG file that parses as XML.
@Suite struct ChartTests {
    @Test func aBarChartInAPipeIsPlainTextFittedToTheWidth() throws {
        let result = try Binary.run(["-c", "metrics | summarize n = count() by unit | chart bar unit, n"], environment: ["COLUMNS": "40"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "n by unit")
        #expect(!result.text.contains("\u{1B}["))
        #expect(lines.dropFirst().allSatisfy { line in line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value < 0xFFE0 && !(0x2580...0x259F).contains($1.value) ? 2 : 1) } <= 40 })
        // Labels padded by display width: every bar starts in the same column.
        let starts = lines.dropFirst().map { line -> Int in
            let label = line.prefix { $0 != "█" && $0 != "▏" && $0 != "▌" }
            return label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value < 0xFFE0 ? 2 : 1) }
        }
        #expect(Set(starts).count == 1, "\(starts)")
        #expect(lines.contains { $0.hasPrefix("平方米 ") })
    }

    @Test func aHistogramCountsEveryValue() throws {
        let result = try Binary.run(["-c", #"metrics | where unit == "个" | chart histogram value bins 4"#], environment: ["COLUMNS": "60"])
        let counts = result.text.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(counts == [3, 0, 0, 1], "\(result.text)")
    }

    @Test func anSVGFileIsWrittenAndParses() throws {
        let folder = try Binary.temporaryDirectory()
        let path = folder.appendingPathComponent("units.svg").path
        let result = try Binary.run(["-c", "metrics | summarize n = count() by unit | chart bar unit, n to \"\(path)\""])
        #expect(result.status == 0, "\(result.errors)")
        let check = try Binary.shell("python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName(\"rect\")))' '\(path)'")
        #expect(check.text == "8\n", "\(check.errors)")
        let line = folder.appendingPathComponent("line.svg").path
        #expect(try Binary.run(["-c", "events | where date is not null | window sort date n = row_number() | chart line date, n to \"\(line)\""]).status == 0)
        #expect(try String(contentsOfFile: line, encoding: .utf8).contains("<polyline"))
    }

    @Test func chartErrorsComeBeforeRunning() throws {
        #expect(try Binary.run(["-c", "metrics | chart bar unit, entity"]).errors.contains("bar charts need numbers here, but this is a string"))
        #expect(try Binary.run(["-c", "metrics | chart pie unit, value"]).errors.contains(#"unknown chart "pie""#))
        #expect(try Binary.run(["-c", #"metrics | chart bar unit, value to "x.png""#]).errors.contains("give it a name ending in .svg"))
        #expect(try Binary.run(["-c", "metrics | chart bar unit, value | take 1"]).errors.contains("chart must be the last stage of a pipeline"))
    }

    @Test func onATerminalTheBarsAreColouredUnlessNoColor() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 50, height: 20)
        terminal.paste(["metrics | summarize n = count() by unit | chart bar unit, n"])
        let screen = terminal.waitFor("平方米")
        #expect(screen.contains("平方米 █"), "\(screen)")
        #expect(terminal.colouredScreen.contains("\u{1B}[36m"), "the bars are coloured")
        let plain = try Tmux(width: 50, height: 20, environment: ["NO_COLOR": "1"])
        plain.paste(["metrics | summarize n = count() by unit | chart bar unit, n"])
        _ = plain.waitFor("平方米")
        #expect(!plain.colouredScreen.contains("\u{1B}[36m"), "NO_COLOR leaves the bars plain")
    }
}

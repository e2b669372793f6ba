import Foundation
import Testing

/// scicity's CSV and TSV, read by an independent parser (Python's csv
/// module), give exactly the values of its JSON output; exports are atomic.
@Suite struct CSVInteropTests {
    static let tricky = #"entities | take 6 | derive comma = "a,b", quote = "say \"hi\"", lines = "one\ntwo", eq = "=SUM(A1)", minus = "-5", padded = " x ", n = -5, half = 0.5, nothing = null"#

    @Test(arguments: ["csv", "tsv"])
    func anIndependentParserReadsExactlyTheJSONValues(mode: String) throws {
        let folder = try Binary.temporaryDirectory()
        let delimited = folder.appendingPathComponent("out.\(mode)")
        let json = folder.appendingPathComponent("out.json")
        for (file, format) in [(delimited, mode), (json, "json")] {
            let result = try Binary.run(["-c", Self.tricky, "--mode", format])
            #expect(result.status == 0, "\(result.errors)")
            try result.output.write(to: file)
        }
        let checker = """
        import csv, json, sys
        delimiter = "\\t" if sys.argv[1].endswith(".tsv") else ","
        with open(sys.argv[1], newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        objects = json.load(open(sys.argv[2], encoding="utf-8"))
        header, body = rows[0], rows[1:]
        assert header == list(objects[0].keys()), (header, list(objects[0].keys()))
        assert len(body) == len(objects), (len(body), len(objects))
        def text(v):
            if v is None: return ""
            if v is True: return "true"
            if v is False: return "false"
            if isinstance(v, float): return repr(v)
            return str(v)
        for row, obj in zip(body, objects):
            for key, field in zip(header, row):
                assert field == text(obj[key]), (key, field, obj[key])
        assert any("金凤实验室" in r for r in body) or any("科学城" in "".join(r) for r in body)
        print("ok", len(body))
        """
        let result = try Binary.shell("python3 -c '\(checker.replacingOccurrences(of: "'", with: "'\\''"))' '\(delimited.path)' '\(json.path)'")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "ok 6\n")
    }

    @Test func anExportReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let folder = try Binary.temporaryDirectory()
        let target = folder.appendingPathComponent("keep.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        let complete = try Binary.run(["-c", "relations | export \"\(target.path)\""])
        #expect(complete.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("subject,relation,object,list_complete,basis,quote\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.csv"])
    }

    @Test func anUnwritablePathIsAClearErrorNamingIt() throws {
        let result = try Binary.run(["-c", #"people | export "/nonexistent-folder/p.csv""#])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("-c:1:17: error: cannot write /nonexistent-folder/p.csv: the folder /nonexistent-folder does not exist"))
    }

    @Test func importReadsStandardInput() throws {
        let result = try Binary.run(["-c", ".import - as piped", "-c", "piped | summarize s = sum(v)", "--csv"], input: "v\n1\n2.5\n")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text == "s\n3.5\n")
    }
}

import Foundation
@testable import SciShell
import Testing

/// `.import --null` and `--type COLUMN=number|date:FORMAT`, as a user types them.
@Suite struct ImportConversionTests {
    func run(_ text: String) -> Transcript { Transcript.of(text, format: .csv) }

    @Test func nullSpellingsAndConversionsMakeAMessyFileTyped() throws {
        let path = NSTemporaryDirectory() + "scicity-messy-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "shop,sales,eu,day\n重庆,\"1,234\",\"1.234,5\",27/03/2023\n成都,N/A,-,-\n".write(toFile: path, atomically: true, encoding: .utf8)
        let imported = run(".import \(path) as m --null N/A --null - --type sales=number --type eu=number:, --type day=date:%d/%m/%Y\n.schema m\nm")
        #expect(imported.messages == "")
        #expect(imported.output == "column,type\nshop,string\nsales,decimal\neu,decimal\nday,date\nshop,sales,eu,day\n重庆,1234,1234.5,2023-03-27\n成都,,,\n")
    }

    @Test func theFirstValueThatDoesNotConvertIsReportedAtItsPlace() throws {
        let path = NSTemporaryDirectory() + "scicity-messy-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "shop,sales\n重庆,\"1,234\"\n成都,N/A\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run(".import \(path) --type sales=number").messages.hasPrefix("\(path):3:4: error: column \"sales\" is converted by --type sales=number, but \"N/A\" is not a number"))
        #expect(run(".import \(path) --type sales=date:%d/%q").messages.contains("--type sales=date:%d/%q: %q at character 4 of the format"))
        #expect(run(".import \(path) --type sales=money").messages.contains("not \"money\""))
        #expect(run(".import \(path) --type sales=text").messages.contains("not \"text\"; did you mean \"string\"?"))
        #expect(run(".import \(path) --type sales=integr").messages.contains("not \"integr\"; did you mean \"integer\"?"))
        #expect(run(".import \(path) --null").messages.contains("expected --null TEXT"))
    }
}

import Foundation
import Testing

/// A forced type that a value does not fit: the error names the value's
/// own line and column, and shows the value on one line.
@Suite struct ImportErrorTests {
    @Test func aBadForcedValueIsPlacedAtItsOwnColumn() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("f.csv")
        try "id,name,count\n1,甲,5\n2,乙,many\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["-c", ".import \(file.path) --type count=integer"])
        #expect(result.status == 1)
        #expect(result.errors == "\(file.path):3:5: error: column \"count\" is forced to integer, but \"many\" is not one\n", "\(result.errors)")
    }

    @Test func aValueWithALineBreakIsEscapedAndTheLineAfterItCounted() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("g.csv")
        try "a,b,c\n1,\"x\ny\",zz\n2,\"p\r\nq\",3\n".write(to: file, atomically: true, encoding: .utf8)
        let third = try Binary.run(["-c", ".import \(file.path) --type c=integer"])
        #expect(third.errors == "\(file.path):3:4: error: column \"c\" is forced to integer, but \"zz\" is not one\n", "\(third.errors)")
        let second = try Binary.run(["-c", ".import \(file.path) --type b=date"])
        #expect(second.errors == "\(file.path):2:3: error: column \"b\" is forced to date, but \"x\\ny\" is not one\n", "\(second.errors)")
        #expect(second.errors.split(separator: "\n").count == 1)
    }
}

import Foundation
import Testing

/// A dataset table's name given to another table is the dataset's no more:
/// `.tables` says where it came from and `.schema` shows no borrowed meanings.
@Suite struct SessionTablesTests {
    @Test func anImportUnderADatasetNameIsListedAsTheFile() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("x.csv")
        try "a,b\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["--csv", "-c", ".import \(file.path) as metrics", "-c", "let labs = entities | where kind == \"lab\"", "-c", ".tables"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text.contains("\nmetrics,1,2,\(file.path)\n"), "\(result.text)")
        #expect(result.text.contains("\nentities,64,8,dataset\n"))
        #expect(result.text.hasSuffix("\nlabs,4,8,let\n"))
    }

    @Test func aLetUnderADatasetNameShowsNoDatasetMeanings() throws {
        let result = try Binary.run(["--csv", "-c", "let entities = people", "-c", ".schema entities", "-c", ".schema people"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.text.hasPrefix("column,type\nid,string\nname,string\nname_en,string\ntitle,string\nrole,string\naffiliation,string\ncolumn,type,meaning\nid,string,"), "\(result.text)")
        #expect(!result.text.contains("jinfeng_lab"))
    }
}

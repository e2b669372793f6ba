import SciEngine
import SciLanguage
import SciPlan

/// Tables held in memory and no files: a fuzzed `load "…"` is refused, so
/// no input can read (or wait on) anything outside.
struct FuzzCatalog: Catalog {
    var tables: [String: Table]

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        Schema(of: try table(named: name, at: range))
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema {
        throw Diagnostic(message: "no files while fuzzing", range: range)
    }

    func table(named name: String, at range: SourceRange) throws -> Table {
        guard let table = tables[name] else { throw Diagnostic(message: "no table \(name)", range: range) }
        return table
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        throw Diagnostic(message: "no files while fuzzing", range: range)
    }
}

import SciEngine
import SciLanguage
import SciPlan

/// Tables built by hand, and files known only by their schema: loading one
/// is recorded (and fails), so a test can prove that planning read no data.
final class RecordingCatalog: Catalog, @unchecked Sendable {
    var tables: [String: Table] = [:]
    var files: [String: Schema] = [:]
    var loads: [String] = []

    init() {
        tables["projects"] = Table(named: "projects", columns: [
            ("name", Column.from([.string("金凤实验室"), .string("科学城"), .string("x")]) ?? Column(.null(count: 3))),
            ("district", Column.from([.string("高新区"), .string("高新区"), .null]) ?? Column(.null(count: 3))),
            ("value", Column(.decimal([15, 20, 30], scale: 1))),
            ("year", Column(.integer([2022, 2023, 2023]))),
        ])
        tables["people"] = Table(named: "people", columns: [
            ("name", Column.from([.string("卞修武"), .string("段树民")]) ?? Column(.null(count: 2))),
            ("district", Column.from([.string("高新区"), .null]) ?? Column(.null(count: 2))),
        ])
        files["big.csv"] = Schema([
            PlanColumn(name: "id", type: .integer), PlanColumn(name: "district", type: .string),
            PlanColumn(name: "total", type: .decimal), PlanColumn(name: "day", type: .date), PlanColumn(name: "note", type: .string),
        ])
    }

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        Schema(of: try table(named: name, at: range))
    }

    func table(named name: String, at range: SourceRange) throws -> Table {
        guard let table = tables[name] else { throw Diagnostic(message: "unknown table \"\(name)\"", range: range) }
        return table
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema {
        guard let schema = files[path] else { throw Diagnostic(message: "cannot open \(path)", range: range) }
        return schema
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        loads.append(path)
        throw Diagnostic(message: "the test catalog reads no file", range: range)
    }

    /// The plan of a statement, with every rewrite, or its error.
    func plan(_ text: String, rewrites: Rewrites = .all) throws -> PlannedPipeline {
        let source = SourceText(name: "plan", text: text)
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else {
            throw Diagnostic(message: "not a pipeline")
        }
        return try PipelineRunner(catalog: self, rewrites: rewrites).plan(pipeline, in: source)
    }

    /// The first error's message, or "no error".
    func failure(_ text: String) -> String {
        do {
            _ = try plan(text)
            return "no error"
        } catch let diagnostic as Diagnostic {
            return diagnostic.message
        } catch {
            return "\(error)"
        }
    }
}

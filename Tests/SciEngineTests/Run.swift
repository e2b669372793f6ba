import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// Small tables made by hand, so that these tests depend on the engine and
/// its planner alone: adding a fact to the built-in dataset changes nothing
/// here.
struct Fixture: Catalog {
    static let shared = Fixture()

    let tables: [String: Table]

    init() {
        func text(_ values: [String?]) -> Column { Column.from(values.map { $0.map(Value.string) ?? .null }) ?? Column(.null(count: values.count)) }
        func date(_ values: [String?]) -> Column { Column.from(values.map { $0.flatMap(DateValue.parse).map(Value.date) ?? .null }) ?? Column(.null(count: values.count)) }
        tables = [
            "one": Table(named: "one", columns: [
                ("title", text(["聚焦十项行动丨科学中心"])), ("outlet", text(["上游新闻"])), ("published", date(["2023-03-31"])),
            ]),
            "m": Table(named: "m", columns: [
                ("entity", text(["lab", "center", "lab", "city", "center", "city"])),
                ("value", Column(.decimal([1280, 1030, 54, 20000, 1400000, 40], scale: 1))),
                ("unit", text(["亩", "亩", "%", "家", "平方米", nil])),
                ("as_of", date(["2023-03-27", "2023-03-31", "2023-03-27", nil, "2023-03-31", "2022-06"])),
                ("qualifier", text(["exact", "about", "exact", "over", "about", "exact"])),
            ]),
            "p": Table(named: "p", columns: [
                ("id", text(["bian", "duan", "yan", "gan"])),
                ("name", text(["卞修武", "段树民", "严薇", "甘侠义"])),
                ("name_en", text(["Bian Xiuwu", "Duan Shumin", "Yan Wei", "Gan Xiayi"])),
                ("affiliation", text(["lab", "lab", "news", nil])),
            ]),
            // Timestamps (one before 1970, one null) and the text a file would give.
            "ts": Table(named: "ts", columns: [
                ("at", Column.from(["2023-03-31T10:33:59", "2023-03-27T00:00:00", nil, "1969-12-31T23:59:59", "2023-03-31T10:33:59"].map { $0.flatMap(TimestampValue.parse).map(Value.timestamp) ?? .null }) ?? Column(.null(count: 5))),
                ("n", Column(.integer([1, 2, 3, 4, 5]))),
                ("raw", text(["1,234.5", "N/A", nil, "", "重庆"])),
            ]),
            "e": Table(named: "e", columns: [
                ("id", text(["lab", "center", "news", "bay"])),
                ("name", text(["金凤实验室", "科学中心", "上游新闻", "深圳湾实验室"])),
                ("kind", text(["lab", "center", "media", "lab"])),
            ]),
        ]
    }

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema { Schema(of: try table(named: name, at: range)) }

    func table(named name: String, at range: SourceRange) throws -> Table {
        if let table = tables[name] { return table }
        throw Diagnostic(message: Suggestion.message("unknown table \"\(name)\"", for: name, in: tables.keys.sorted()), range: range)
    }

    func schema(ofFile path: String, at range: SourceRange) throws -> Schema { throw Diagnostic(message: "no files here", range: range) }
    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table { throw Diagnostic(message: "no files here", range: range) }

    func run(_ text: String) throws -> Table {
        let source = SourceText(name: "test", text: text)
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else {
            throw Diagnostic(message: "not a pipeline")
        }
        return try PipelineRunner(catalog: self).run(pipeline, in: source).table
    }
}

/// The CSV a pipeline gives (a compact form to compare against).
func csv(_ text: String) -> String {
    do {
        return TableWriter.string(try Fixture.shared.run(text), options: OutputOptions(format: .csv))
    } catch let diagnostic as Diagnostic {
        return "ERROR: " + diagnostic.message
    } catch {
        return "ERROR: \(error)"
    }
}

/// The error message a pipeline gives, without its location.
func failure(_ text: String) -> String {
    do {
        let table = try Fixture.shared.run(text)
        return "no error; gave \(table.rowCount) rows"
    } catch let diagnostic as Diagnostic {
        return diagnostic.message
    } catch {
        return "\(error)"
    }
}

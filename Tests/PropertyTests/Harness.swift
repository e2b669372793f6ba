import Foundation
import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// Tables by name and files by path, for running pipelines in the tests
/// without a session: `load` reads real files, with the projection the
/// executor asks for, as the shell's catalog does.
struct Harness: Catalog {
    var tables: [String: Table] = [:]
    /// When set, every file is read a block of about this many bytes at a
    /// time where the pipeline allows (the streaming tests).
    var blockBytes: Int?
    /// How many strings a text column's chunk sees before it may become a
    /// plain list (CSVReader.Options.plainTextSample): small in the tests
    /// that run every kernel on plain lists.
    var plainTextSample: Int? = CSVReader.Options().plainTextSample

    func table(named name: String, at range: SourceRange) throws -> Table {
        guard let table = tables[name] else { throw Diagnostic(message: "unknown table \"\(name)\"", range: range) }
        return table
    }

    func schema(ofTable name: String, at range: SourceRange) throws -> Schema {
        Schema(of: try table(named: name, at: range))
    }

    /// The whole file's types (the shell looks at a prefix; see SchemaSniffer).
    func schema(ofFile path: String, at range: SourceRange) throws -> Schema {
        Schema(of: try load(path: path, columns: nil, at: range))
    }

    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table {
        var options = CSVReader.Options()
        options.columns = columns
        options.plainTextSample = plainTextSample
        return try CSVReader(fileName: path, options: options).read(try FileSystem.read(path)).0
    }

    func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)? {
        guard let blockBytes else { return nil }
        var options = CSVReader.Options()
        options.columns = columns
        options.plainTextSample = plainTextSample
        return Blocks(reader: try CSVBlocks(path: path, types: types, options: options, blockSize: blockBytes))
    }

    final class Blocks: RowBlocks {
        let reader: CSVBlocks
        init(reader: CSVBlocks) { self.reader = reader }
        func next() throws -> Table? { try reader.next() }
    }

    /// A pipeline's plan, rewritten as the runner rewrites it.
    func plan(_ text: String) throws -> Plan {
        let source = SourceText(name: "case", text: text)
        guard case .pipeline(let pipeline) = try Parser.parseStatement(source, stages: StageCatalog.grammars) else {
            throw Failure(message: "not a pipeline")
        }
        return try PipelineRunner(catalog: self).plan(pipeline, in: source).plan
    }

    /// The result of one statement's pipeline, or its error's message.
    func run(_ text: String, rewrites: Rewrites = .all) -> Result<Table, Failure> {
        do {
            let source = SourceText(name: "case", text: text)
            let statement = try Parser.parseStatement(source, stages: StageCatalog.grammars)
            guard case .pipeline(let pipeline) = statement else { return .failure(Failure(message: "not a pipeline")) }
            return .success(try PipelineRunner(catalog: self, rewrites: rewrites).run(pipeline, in: source).table)
        } catch let diagnostic as Diagnostic {
            return .failure(Failure(message: diagnostic.message))
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }

    struct Failure: Error, Equatable {
        var message: String
    }
}

/// Two tables hold the same rows: names, types and values, in order. With
/// `exactTypes` off, an integer equals the decimal of the same value and a
/// column of nothing but nulls may change type (as through a text file).
func difference(_ a: Table, _ b: Table, exactTypes: Bool = true) -> String? {
    if a.columnNames != b.columnNames { return "columns \(a.columnNames) vs \(b.columnNames)" }
    if a.rowCount != b.rowCount { return "\(a.rowCount) rows vs \(b.rowCount)" }
    for column in a.columns.indices {
        let x = a.columns[column], y = b.columns[column]
        if exactTypes, x.type != y.type, !(a.rowCount == 0 && (x.type == .null || y.type == .null)) {
            return "column \(a.columnNames[column]): \(x.type) vs \(y.type)"
        }
        for row in 0..<a.rowCount {
            let p = x[row], q = y[row]
            if p == q { continue }
            if !exactTypes {
                if let d = p.asDouble, let e = q.asDouble, d == e { continue }
                // Text that spells a number or a date reads back as one.
                if x.type != y.type, p.description == q.description { continue }
                // Text of digits reads back as a number (a decimal when its column mixes them).
                if x.type == .string, let number = Double(p.description), let other = q.asDouble, number == other { continue }
                // TRUE and false are read back as true/false values.
                if y.type == .bool, p.description.lowercased() == q.description { continue }
            }
            return "row \(row + 1), column \(a.columnNames[column]): \(p) vs \(q)"
        }
    }
    return nil
}

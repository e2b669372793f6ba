import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// The JSON reader fills one list of values per key as it parses; before,
/// it held every row as a list of (key, value) pairs and looked each key up
/// in each row. Random documents (JSON Lines and arrays; keys missing,
/// repeated, reordered, introduced late; every kind of value) must give the
/// table the row-by-row reading gave, kept here as the reference.
@Suite struct JSONColumnsTests {
    static let keys = ["id", "name", "值", "day", "when", "ok", "nested", "x"]

    static func value(_ generator: inout SeededGenerator) -> String {
        let pick = Int(generator.next() % 22)
        let n = Int64(bitPattern: generator.next() % 2_000_000) - 1_000_000
        switch pick {
        case 0: return "\(n)"
        case 1: return "\(n).\(generator.next() % 1000)"
        case 2: return "9223372036854775807"
        case 3: return "-9223372036854775808"
        case 4: return "123456789012345678901"
        case 5: return "1.5e3"
        case 6: return "0.000001"
        case 7: return "\"西部科学城\(n % 50)\""
        case 8: return "\"plain \(n % 7)\""
        case 9: return "\"tab\\tquote\\\"back\\\\slash\\u4e2d\\ud83d\\ude00\""
        case 10: return "\"2023-03-\(10 + generator.next() % 18)\""
        case 11: return "\"2023-03-27T10:00:0\(generator.next() % 10)\""
        case 12: return "true"
        case 13: return "false"
        case 14: return "null"
        case 15: return "[1, {\"a\": \"b\"}, []]"
        case 16: return "{\"deep\": [1, 2]}"
        case 17: return "\"\""
        case 18: return "-0"
        case 19: return "\"\(String(repeating: "长", count: Int(generator.next() % 9)))\""
        case 20: return "\(generator.next() % 100)"
        default: return "\(Double(n) / 8)"
        }
    }

    /// A document of `rows` objects; `typed` keeps each key to one kind of
    /// value (so columns keep their types), otherwise kinds mix.
    static func document(rows: Int, typed: Bool, array: Bool, generator: inout SeededGenerator) -> String {
        var kinds: [String: Int] = [:]
        var objects: [String] = []
        for row in 0..<rows {
            var fields: [String] = []
            var chosen = keys.filter { _ in generator.next() % 4 != 0 }
            if row > rows / 2, generator.next() % 3 == 0 { chosen.append("late") }
            if generator.next() % 5 == 0 { chosen.shuffle(using: &generator) }
            if generator.next() % 17 == 0, let first = chosen.first { chosen.append(first) }
            for key in chosen {
                var text = value(&generator)
                if typed {
                    if kinds[key] == nil { kinds[key] = Int(generator.next() % 22) }
                    var fixed = SeededGenerator(seed: UInt64(kinds[key] ?? 0) * 7 + UInt64(row % 3))
                    text = value(&fixed)
                }
                fields.append("\"\(key)\": \(text)")
            }
            objects.append("{" + fields.joined(separator: ", ") + "}")
        }
        return array ? "[" + objects.joined(separator: ",\n") + "]" : objects.joined(separator: "\n") + "\n"
    }

    static func describe(_ table: Table) -> String {
        var lines = zip(table.fields, table.columns).map { "\($0.name) \($1.type) \($1.scale)" }
        for row in 0..<table.rowCount {
            lines.append(table.columns.map { $0.isNull(row) ? "∅" : $0[row].description }.joined(separator: "|"))
        }
        return lines.joined(separator: "\n")
    }

    static func outcome(_ body: () throws -> Table) -> String {
        do { return describe(try body()) } catch let diagnostic as Diagnostic {
            return "error \(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-") \(diagnostic.message)"
        } catch { return "error \(error)" }
    }

    @Test func columnsAsTheyAreParsedGiveTheTableRowsGave() {
        var generator = SeededGenerator(seed: 21)
        for round in 0..<300 {
            let text = Self.document(rows: 1 + Int(generator.next() % 60), typed: round % 2 == 0, array: round % 3 == 0, generator: &generator)
            let bytes = Array(text.utf8)
            let read = Self.outcome { try JSONReader(fileName: "t.json").read(bytes) }
            let reference = Self.outcome { try ReferenceJSON.read(bytes) }
            #expect(read == reference, "round \(round):\n\(text)")
        }
    }

    /// Broken documents give the same error, at the same place.
    @Test func brokenDocumentsGiveTheSameErrors() {
        for text in ["{\"a\": 1}\n{\"a\": }", "[{\"a\": 1}, {\"b\": 2}", "{\"a\": \"x\n\"}", "{\"a\": 1e400}", "{\"a\": \"\\ud800\"}", "{\"a\" 1}", "[1]", "{}\n{}", "[]", ""] {
            let bytes = Array(text.utf8)
            #expect(Self.outcome { try JSONReader(fileName: "t.json").read(bytes) } == Self.outcome { try ReferenceJSON.read(bytes) }, "\(text)")
        }
    }

    /// More than 16,384 mostly different strings: kept as a plain list, the
    /// same cells.
    @Test func aColumnOfMostlyDifferentStringsIsAPlainList() throws {
        let text = (0..<40_000).map { "{\"code\": \"C\($0)\", \"group\": \"g\($0 % 3)\"}" }.joined(separator: "\n")
        let table = try JSONReader(fileName: "t.json").read(Array(text.utf8))
        guard case .string(_, let codes) = table.columns[0].storage, case .string(_, let groups) = table.columns[1].storage else {
            Issue.record("not text")
            return
        }
        #expect(!codes.isUnique)
        #expect(groups.isUnique && groups.count == 3)
        #expect(table.columns[0][39_999].description == "C39999")
    }
}

/// The reader as it was: every row a list of (key, value) pairs, then each
/// column's values looked up row by row (the first of a repeated key) and
/// typed as the reader types them.
enum ReferenceJSON {
    static func read(_ bytes: [UInt8]) throws -> Table {
        var parser = JSONParser(bytes: bytes, fileName: "t.json")
        let rows = try rows(&parser)
        var names: [String] = []
        var seen: Set<String> = []
        for row in rows {
            for (key, _) in row where !seen.contains(key) {
                seen.insert(key)
                names.append(key)
            }
        }
        var columns: [(String, Column)] = []
        for name in names {
            var values = rows.map { row in row.first { $0.0 == name }?.1 ?? .null }
            columns.append((name, try JSONReader.typed(&values)))
        }
        return Table(named: nil, columns: columns)
    }

    static func rows(_ parser: inout JSONParser) throws -> [[(String, Value)]] {
        parser.skipSpace()
        var rows: [[(String, Value)]] = []
        if parser.i < parser.bytes.count, parser.bytes[parser.i] == 91 {
            parser.i += 1
            parser.skipSpace()
            if parser.i < parser.bytes.count, parser.bytes[parser.i] == 93 { parser.i += 1; return [] }
            while true {
                rows.append(try object(&parser))
                parser.skipSpace()
                guard parser.i < parser.bytes.count else { throw parser.error("unterminated array: expected , or ]") }
                if parser.bytes[parser.i] == 44 { parser.i += 1; parser.skipSpace(); continue }
                if parser.bytes[parser.i] == 93 { parser.i += 1; break }
                throw parser.error("expected , or ] after an object")
            }
            parser.skipSpace()
            if parser.i < parser.bytes.count { throw parser.error("unexpected text after the array") }
            return rows
        }
        while parser.i < parser.bytes.count {
            rows.append(try object(&parser))
            parser.skipSpace()
        }
        return rows
    }

    static func object(_ parser: inout JSONParser) throws -> [(String, Value)] {
        guard parser.i < parser.bytes.count, parser.bytes[parser.i] == 123 else { throw parser.error("expected an object {…} for each row") }
        parser.i += 1
        var fields: [(String, Value)] = []
        parser.skipSpace()
        if parser.i < parser.bytes.count, parser.bytes[parser.i] == 125 { parser.i += 1; return fields }
        while true {
            parser.skipSpace()
            guard parser.i < parser.bytes.count, parser.bytes[parser.i] == 34 else { throw parser.error("expected a key in quotes") }
            let key = try parser.string()
            parser.skipSpace()
            guard parser.i < parser.bytes.count, parser.bytes[parser.i] == 58 else { throw parser.error("expected : after a key") }
            parser.i += 1
            parser.skipSpace()
            fields.append((key, try parser.value()))
            parser.skipSpace()
            guard parser.i < parser.bytes.count else { throw parser.error("unterminated object: expected , or }") }
            if parser.bytes[parser.i] == 44 { parser.i += 1; continue }
            if parser.bytes[parser.i] == 125 { parser.i += 1; return fields }
            throw parser.error("expected , or } in an object")
        }
    }
}

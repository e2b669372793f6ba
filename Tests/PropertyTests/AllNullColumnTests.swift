import Foundation
import SciEngine
import SciIO
import Testing

/// The class of trap behind empty text columns: a null row holds a
/// placeholder, which nothing may read as a value. Every column type,
/// entirely null, goes through every stage, function and aggregate: held in
/// memory, read from a small file (one chunk), and read from a file large
/// enough to be read in several chunks.
@Suite struct AllNullColumnTests {
    static let types: [ValueType] = [.integer, .decimal, .string, .date, .bool, .null]

    /// Statements over a table `t` whose column `x` is entirely null and
    /// whose column `k` has values.
    static var statements: [String] {
        var result = [
            "t | where x == x", "t | where x != \"a\"", "t | where x < 1", "t | where x in (\"a\", x)", "t | where x is null",
            "t | where x contains \"a\"", "t | where not (x == x)", "t | where x == k",
            "t | select x", "t | select y = x", "t | derive y = x + x", "t | derive y = x - 1", "t | derive y = -x",
            "t | sort x", "t | sort x desc, k", "t | sort x | take 1", "t | sort x desc | take 2",
            "t | take 1", "t | distinct", "t | distinct x", "t | count",
            "t | summarize n = count() by x", "t | summarize n = count(x) by k",
            "t | join t as r on x == x", "t | join left t as r on x == x", "t | join t as r on k == x", "t | join left t as r on k == x",
        ]
        for function in Functions.all {
            let extra = Array(repeating: "x", count: max(0, function.arity.lowerBound - 1))
            result.append("t | select y = \(function.name)(\((["x"] + extra).joined(separator: ", ")))")
        }
        for aggregate in Aggregates.all where aggregate.arity.upperBound >= 1 {
            result.append("t | summarize y = \(aggregate.name)(x)")
            result.append("t | summarize y = \(aggregate.name)(x) by k")
        }
        return result
    }

    static func nullColumn(_ type: ValueType, count: Int) -> Column {
        RandomTables.typedNulls(type, count)
    }

    static func check(_ harness: Harness, _ label: String) {
        for statement in statements {
            switch harness.run(statement) {
            case .success(let table):
                // An aggregate of nothing but nulls is null, or a count of 0.
                if statement.contains("summarize y ="), !statement.contains(" by "), let y = table.column(named: "y") {
                    #expect(y.isNull(0) || y[0] == .integer(0), "\(label): \(statement)")
                }
            case .failure(let failure):
                // A type error is a fine answer; a trap would have ended the test.
                #expect(!failure.message.isEmpty, "\(label): \(statement)")
            }
        }
    }

    @Test(arguments: types)
    func inMemory(type: ValueType) {
        var harness = Harness()
        harness.tables["t"] = Table(named: "t", columns: [
            ("x", Self.nullColumn(type, count: 3)), ("k", Column(.integer([1, 2, 1]))),
        ])
        Self.check(harness, "\(type) in memory")
        harness.tables["t"] = Table(named: "t", columns: [("x", Self.nullColumn(type, count: 0)), ("k", Column(.integer([])))])
        Self.check(harness, "\(type) with no rows")
    }

    /// A file of one chunk, and one over the size that is read in chunks,
    /// whose column `x` is empty throughout; and one whose text column `s`
    /// has values only in the first chunk.
    @Test(arguments: [3, 300_000])
    func fromAFile(rows: Int) throws {
        var text = "x,k,s\n"
        text.reserveCapacity(rows * 16)
        for i in 0..<rows { text += i < rows / 4 ? ",\(i % 5),v\(i % 3)\n" : ",\(i % 5),\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-allnull-\(rows)-\(getpid()).csv")
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        // Loaded whole, and with a projection (only some columns built).
        for columns in [nil, Set(["x", "k"]), Set(["s"])] as [Set<String>?] {
            var options = CSVReader.Options()
            options.columns = columns
            let table = try CSVReader(fileName: path.path, options: options).read(try FileSystem.read(path.path)).0
            #expect(table.rowCount == rows)
            if let s = table.column(named: "s") {
                #expect((0..<rows).filter { !s.isNull($0) }.count == rows / 4)
            }
            guard table.column(named: "x") != nil else { continue }
            var harness = Harness()
            harness.tables["t"] = table
            Self.check(harness, "\(rows) rows from a file")
        }
    }
}

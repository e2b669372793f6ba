import SciEngine
import SciIO
import SciLanguage
import Testing

/// A million prices read from CSV sum exactly to the cent, as do their
/// sums by group and their running total; the same file read as JSON too.
@Suite struct ExactSumTests {
    static func prices(_ count: Int) -> (csv: String, cents: [Int64]) {
        var random = RandomSource(seed: 20230331)
        var cents: [Int64] = []
        cents.reserveCapacity(count)
        var text = "shop,price\n"
        for index in 0..<count {
            let value = Int64.random(in: 1..<10_000_000, using: &random)
            cents.append(value)
            text += "s\(index % 7),\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)\n"
        }
        return (text, cents)
    }

    static func decimal(_ cents: Int64) -> String {
        ExactDecimal(units: cents, scale: 2).description
    }

    @Test func aMillionPricesSumExactlyToTheCent() throws {
        let (text, cents) = Self.prices(1_000_000)
        let table = try CSVReader(fileName: "prices.csv").read(Array(text.utf8)).0
        #expect(table.columns[1].type == .decimal)
        let harness = Harness(tables: ["p": table])
        let total = cents.reduce(0, +)
        guard case .success(let sum) = harness.run("p | summarize s = sum(price), n = count()") else {
            Issue.record("the sum failed")
            return
        }
        #expect(sum[0, "s"] == .decimal(ExactDecimal(units: total, scale: 2)))
        #expect(TableWriter.string(sum, options: OutputOptions(format: .csv)) == "s,n\n\(Self.decimal(total)),1000000\n")
        // By group, each exact; and the groups add up to the whole.
        guard case .success(let byShop) = harness.run("p | summarize s = sum(price) by shop | sort shop") else {
            Issue.record("the grouped sum failed")
            return
        }
        var expected = [Int64](repeating: 0, count: 7)
        for (index, value) in cents.enumerated() { expected[index % 7] += value }
        for row in 0..<7 {
            #expect(byShop[row, "s"] == .decimal(ExactDecimal(units: expected[row], scale: 2)))
        }
        // The running total (prices are positive) ends at the whole sum.
        guard case .success(let running) = harness.run("p | window c = cumsum(price) | summarize m = max(c)") else {
            Issue.record("cumsum failed")
            return
        }
        #expect(running[0, "m"] == .decimal(ExactDecimal(units: total, scale: 2)))
    }

    @Test func pricesThroughJSONStayExact() throws {
        let json = "[" + ["19.99", "0.01", "100.10", "0.1", "0.2"].map { "{\"price\":\($0)}" }.joined(separator: ",") + "]"
        let table = try JSONReader(fileName: "p.json").read(Array(json.utf8))
        #expect(table.columns[0].type == .decimal)
        guard case .success(let sum) = Harness(tables: ["p": table]).run("p | summarize s = sum(price), a = avg(price)") else {
            Issue.record("the sum failed")
            return
        }
        #expect(TableWriter.string(sum, options: OutputOptions(format: .json)) == "[\n{\"s\":120.4,\"a\":24.08}\n]\n")
    }
}

extension Table {
    subscript(row: Int, name: String) -> Value {
        column(named: name)?[row] ?? .null
    }
}

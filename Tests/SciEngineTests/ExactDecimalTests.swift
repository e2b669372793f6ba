import SciEngine
import SciIO
import SciLanguage
import Testing

/// Decimals are exact (fixed point), floats are for range, and overflow or
/// an undefined result is the same error or null in every output format.
@Suite struct ExactDecimalTests {
    func formats(_ pipeline: String) throws -> [OutputFormat: String] {
        let table = try Fixture.shared.run(pipeline)
        var result: [OutputFormat: String] = [:]
        for format in [OutputFormat.table, .csv, .json, .markdown] {
            result[format] = TableWriter.string(table, options: OutputOptions(format: format))
        }
        return result
    }

    @Test func oneValuePrintsAlikeInEveryFormat() throws {
        let out = try formats("one | select v = 0.1 + 0.2, f = 0.1e0 + 0.2e0, q = 1 / 3")
        for (format, text) in out {
            #expect(text.contains("0.333333333333333"), "\(format): \(text)")
            // The float's honest sum, every digit, the same everywhere.
            #expect(text.contains("0.30000000000000004"), "\(format): \(text)")
        }
        #expect(out[.csv] == "v,f,q\n0.3,0.30000000000000004,0.333333333333333\n")
        #expect(out[.json] == "[\n{\"v\":0.3,\"f\":0.30000000000000004,\"q\":0.333333333333333}\n]\n")
    }

    @Test func exactComparisonAcrossScales() {
        #expect(csv("one | select a = 2.50 == 2.5, b = 0.1 + 0.2 > 0.3, c = 1 == 1.0, d = 0.1 in (0.10, 0.2)") == "a,b,c,d\ntrue,false,true,true\n")
        // Grouping and distinct see equal values as one, whatever their scale.
        #expect(csv("m | derive x = value * 1.0 | distinct x | count") == "count\n6\n")
    }

    @Test func nullsPassThroughDecimalArithmetic() {
        #expect(csv("m | where unit is null | select v = value + 0.05, w = coalesce(null, 0.5) * 2") == "v,w\n4.05,1\n")
        #expect(csv("one | select a = null + 0.5, b = 0.5 * null, c = null / 0.5") == "a,b,c\n,,\n")
    }

    @Test func sumsAndMeansAreExact() {
        #expect(csv("m | summarize s = sum(value), a = avg(value)") == "s,a\n142240.4,23706.7333333333\n")
        // A mean that does not end is rounded to 15 significant digits.
        #expect(csv("m | where unit == \"亩\" or unit == \"%\" | summarize a = avg(value)") == "a\n78.8\n")
        #expect(csv("m | take 3 | summarize a = avg(value), md = median(value)") == "a,md\n78.8,103\n")
        #expect(csv("m | take 2 | summarize md = median(value)") == "md\n115.5\n")
    }

    /// A column of quotients whose rows need more places than one 64-bit
    /// scale can hold for its largest row is a float column, each row the
    /// double nearest its 15-digit value, so every row prints the digits it
    /// has (it used to cut every row to the places the largest could keep:
    /// 5.333333333 for 16 / 3). An engine's column of the same values reads
    /// back the same way.
    @Test func aQuotientColumnTooWideForOneScaleIsAFloatColumn() throws {
        // 140000² / 3 = 6533333333.33333 fits 64 bits at 9 places at most;
        // 4² / 3 = 5.33333333333333 needs 14.
        #expect(csv("m | select q = value * value / 3") == "q\n5461.33333333333\n3536.33333333333\n9.72\n1333333.33333333\n6533333333.33333\n5.33333333333333\n")
        #expect(try Fixture.shared.run("m | select q = value * value / 3").columns.first?.type == .float)
        // A column that one scale holds stays exact decimal.
        #expect(try Fixture.shared.run("m | select q = value / 3").columns.first?.type == .decimal)
        let values = [Int128(666_666_666_666_667), Int128(333_333_333_333_333)]
        let column = try DecimalMeans.column(values: values, scales: [15, 10], nulls: [false, false])
        #expect(column.type == .float && column[0].description == "0.666666666666667" && column[1].description == "33333.3333333333")
        let exact = try DecimalMeans.column(values: [15, 25], scales: [1, 2], nulls: [false, false])
        #expect(exact.type == .decimal && exact[0].description == "1.5" && exact[1].description == "0.25")
    }

    /// A quotient too large for 64 bits at any scale is an overflow error at
    /// the `/` (it used to give 0).
    @Test func aQuotientPastEighteenDigitsIsAnError() {
        let message = failure("one | select y = 9000000000000000000 / 0.5")
        #expect(message.hasPrefix("decimal overflow: a quotient of 18000000000000000000 needs more than 18 digits"), "\(message)")
        #expect(csv("one | select y = 4000000000000000000 / 0.5") == "y\n8000000000000000000\n")
    }

    @Test func integersPastADoubleKeepEveryDigitThroughAnExactMean() {
        #expect(csv("m | take 2 | select x = 9007199254740993 | summarize a = avg(x), s = sum(x), md = median(x)") == "a,s,md\n9007199254740993,18014398509481986,9007199254740993\n")
        #expect(csv("m | take 2 | derive x = 9007199254740993 | window sort value a = moving_avg(x, 2) | select a") == "a\n9007199254740993\n9007199254740993\n")
    }

    @Test func overflowIsAnErrorInSumsToo() {
        #expect(failure("m | take 2 | select x = 9223372036854775807 | summarize s = sum(x)").hasPrefix("integer overflow in sum"))
        #expect(failure("m | take 2 | select x = 92233720368547758.07 | summarize s = sum(x)").hasPrefix("decimal overflow in sum"))
        #expect(failure("m | take 2 | select x = 92233720368547758.07 | window sort x c = cumsum(x)").hasPrefix("decimal overflow in cumsum"))
        #expect(failure("m | take 2 | select x = 1.7e308 | summarize s = sum(x)").hasPrefix("float overflow in sum"))
        #expect(failure("one | select x = 9223372036854775807 - -1").hasPrefix("integer overflow"))
    }

    @Test func aDecimalPastItsDigitsSaysToUseFloat() {
        let message = failure("one | select x = 99999999999999999.9 * 100")
        #expect(message.hasPrefix("decimal overflow in 99999999999999999.9 * 100"))
        #expect(message.contains("float(x)"))
        #expect(csv("one | select x = float(99999999999999999.9) * 100") == "x\n1e+19\n")
    }

    @Test func textOfDecimalsIsEveryDigit() {
        #expect(csv("one | select t = text(0.1 + 0.2), u = text(1.50), v = text(-0.05)") == "t,u,v\n0.3,1.5,-0.05\n")
    }

    @Test func exactDecimalParsesAndPrints() {
        #expect(ExactDecimal(parsing: "12.50") == ExactDecimal(units: 125, scale: 1))
        #expect(ExactDecimal(parsing: "-0.05")?.description == "-0.05")
        #expect(ExactDecimal(parsing: "1e5") == nil)
        #expect(ExactDecimal(parsing: "") == nil)
        #expect(ExactDecimal(parsing: ".") == nil)
        #expect(ExactDecimal(parsing: "0.1234567890123456789") == nil)
        #expect(ExactDecimal(parsing: "99999999999999999999") == nil)
        #expect(ExactDecimal(units: 5, scale: 3).description == "0.005")
        #expect(ExactDecimal(units: 1250, scale: 2).rescaled(to: 0)?.description == "13")
        #expect(ExactDecimal(units: -1250, scale: 2).rescaled(to: 0)?.description == "-13")
        #expect(ExactDecimal(units: Int64.max, scale: 0).rescaled(to: 1) == nil)
    }
}

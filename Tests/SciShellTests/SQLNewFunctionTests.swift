import SciSQL
import Testing

/// What the engines cannot say as scicity means it is refused by name:
/// padding by display width, patterns the engines read differently, Java's pow.
@Suite struct SQLNewFunctionTests {
    func refusal(_ statement: String, _ dialect: SQLDialect) -> String {
        let transcript = SQLCoverageTests.sql(statement, dialect)
        return transcript.errors == 1 ? transcript.messages : "compiled: \(transcript.output.prefix(200))"
    }

    @Test func paddingTextThatIsNotASCIIWrittenOutIsRefused() {
        #expect(refusal("people | select p = lpad(name, 8)", .duckdb).contains("lpad of text not written out in ASCII cannot be compiled to DuckDB SQL"))
        #expect(refusal(#"people | select p = rpad("ab", 8, "中")"#, .spark).contains("rpad of text not written out in ASCII cannot be compiled to Spark SQL"))
        #expect(SQLCoverageTests.sql(#"people | select p = lpad("ab", 8, "*")"#, .duckdb).errors == 0)
    }

    @Test func patternsTheEnginesReadDifferentlyAreRefused() {
        #expect(refusal(#"sentences | select x = extract(text, "\d+")"#, .duckdb).contains("extract with this pattern cannot be compiled to DuckDB SQL"))
        #expect(refusal(#"sentences | select x = regexp_replace(text, text, "-")"#, .spark).contains("regexp_replace with this pattern cannot be compiled to Spark SQL"))
        // RE2 skips an empty match right after a match; scicity and Java do not.
        #expect(refusal(#"sentences | select x = regexp_replace(text, "x*", "-")"#, .spark).contains("regexp_replace with a pattern that can match nothing cannot be compiled to Spark SQL"))
        #expect(SQLCoverageTests.sql(#"sentences | select x = regexp_replace(text, "x*", "-")"#, .duckdb).errors == 0)
        #expect(SQLCoverageTests.sql(#"sentences | select x = regexp_replace(text, "x+", "-")"#, .duckdb).errors == 0)
    }

    @Test func javaPowIsUsedOnlyWhereItIsExact() {
        #expect(refusal("metrics | select x = pow(value, 3)", .spark).contains("pow with an exponent other than 0, 1, 2, -1 or 0.5 written out cannot be compiled to Spark SQL"))
        #expect(SQLCoverageTests.sql("metrics | select x = pow(value, 3)", .duckdb).errors == 0)
        #expect(SQLCoverageTests.sql("metrics | select x = pow(value, 2)", .spark).errors == 0)
    }

    @Test func caseBecomesSQLCase() {
        let transcript = SQLCoverageTests.sql(#"metrics | select c = case when value > 100 then "big" else "small" end"#, .duckdb)
        #expect(transcript.errors == 0)
        #expect(transcript.output.contains("CASE WHEN"))
    }
}

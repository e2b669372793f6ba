@testable import SciEngine
import Testing

/// regexp_replace on Swift's `Regex` (patterns outside the byte matcher's
/// subset): as RE2 (DuckDB's engine), no empty match is replaced where the
/// last match ended, and a pattern that does not look before a search's
/// start is searched one match at a time (`replacing` held every match,
/// 2 GB for a text of 8 million) with the same result as the whole text.
@Suite struct SwiftRegexReplaceTests {
    /// The pattern on Swift's `Regex` only, searched one match at a time or not.
    static func swiftOnly(_ source: String, inSlices: Bool) throws -> TextPattern {
        let compiled = try TextPattern.compile(source).get()
        return TextPattern(regex: compiled.regex, groupCount: compiled.groupCount, bytes: nil, searchesOnInSlices: inSlices)
    }

    static func replace(_ text: String, _ source: String, _ with: String, inSlices: Bool) throws -> String? {
        let replacement = try Replacement.parse(with, groups: nil).get()
        return try swiftOnly(source, inSlices: inSlices).replacingAll(in: text, with: replacement)
    }

    /// What DuckDB's regexp_replace(text, pattern, with, 'g') gives.
    @Test(arguments: [("xxx", "x*", "-", "-"), ("axxb", "x*", "-", "-a-b-"), ("abc", "b|", "-", "-a-c-"),
                      ("axxb", "(x)*", "<\\1>", "<>a<x>b<>"), ("", "x*", "-", "-"), ("ab", "", "-", "-a-b-"),
                      ("科学城", "(?=学)", "|", "科|学城"), ("abc", "^|b", "-", "-a-c"), ("a b", "\\b", "|", "|a| |b|")])
    func emptyMatchesFollowRE2(text: String, pattern: String, with: String, expected: String) throws {
        let inSlices = try TextPattern.compile(pattern).get().searchesOnInSlices
        #expect(try Self.replace(text, pattern, with, inSlices: inSlices) == expected)
        if inSlices {
            #expect(try Self.replace(text, pattern, with, inSlices: false) == expected, "whole text")
        }
    }

    @Test func onlyPatternsThatLookBeforeTheirStartAreSearchedWhole() throws {
        for source in ["x(?=x)", "(?i)x", "(a)\\1", "\\w+$", "\\\\b"] {
            #expect(try TextPattern.compile(source).get().searchesOnInSlices, "\(source)")
        }
        for source in ["^x", "\\bx", "a\\B", "\\Ax", "\\Gx", "(?m)^a", "[^a]", "\\X"] {
            #expect(!(try TextPattern.compile(source).get().searchesOnInSlices), "\(source)")
        }
    }

    /// One match at a time gives what the whole text gives, for random
    /// patterns (no `^`) over text with marks, emoji, Chinese and line breaks.
    @Test func searchingInSlicesAgreesWithTheWholeText() throws {
        var random = SeededGenerator(seed: 41)
        var checked = 0
        for _ in 0..<400 {
            let source = String(ByteRegexTests.randomPattern(&random).unicodeScalars.filter { $0 != "^" })
            guard let whole = try? Self.swiftOnly(source, inSlices: false) else { continue }
            let sliced = try Self.swiftOnly(source, inSlices: true)
            let replacement = try Replacement.parse(whole.groupCount > 0 ? "<\\1>" : "<\\0>", groups: nil).get()
            for _ in 0..<10 {
                let text = ByteRegexTests.randomText(&random)
                #expect(sliced.replacingAll(in: text, with: replacement) == whole.replacingAll(in: text, with: replacement),
                        "pattern \(source.debugDescription) on \(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked > 3000)
    }
}

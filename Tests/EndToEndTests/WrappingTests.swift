import Foundation
import Testing

/// The banner and `.help` are wrapped to the terminal at word boundaries,
/// by display width (Chinese counts two columns), never mid-word.
@Suite(.serialized) struct WrappingTests {
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { (c: Character) in c == " " || c == "\n" }).map(String.init)
    }

    @Test func theBannerIsWrappedAtWordsOnANarrowTerminal() throws {
        guard Tmux.isAvailable else { return }
        let terminal = try Tmux(width: 40)
        let screen = terminal.waitFor("scicity>")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let bannerLines = lines.prefix { !$0.hasPrefix("scicity>") }
        let banner = "scicity 0.1.0: the facts of 上游新闻 2023-03-31 on 西部(重庆)科学城. Type .help for help, .tables for data, Ctrl-D to leave."
        #expect(Self.words(bannerLines.joined(separator: "\n")) == Self.words(banner), "\(screen)")
        #expect(bannerLines.count > 2)
        for line in bannerLines { #expect(DisplayColumns.width(String(line)) <= 40, "\(line)") }
    }

    @Test(arguments: [40, 72])
    func helpIsWrappedAtWordsToTheWidth(width: Int) throws {
        let wrapped = try Binary.run(["-c", ".help"], environment: ["COLUMNS": "\(width)"])
        let plain = try Binary.run(["-c", ".help"])
        #expect(wrapped.status == 0 && plain.status == 0)
        for line in wrapped.text.split(separator: "\n") { #expect(DisplayColumns.width(String(line)) <= width, "\(line)") }
        #expect(plain.text.split(separator: "\n").contains { DisplayColumns.width(String($0)) > 72 })
        // The same words in the same order: nothing broken mid-word.
        #expect(Self.words(wrapped.text) == Self.words(plain.text))
    }

    @Test func aCommandsHelpIsWrappedToo() throws {
        let wrapped = try Binary.run(["-c", ".help import"], environment: ["COLUMNS": "50"])
        let plain = try Binary.run(["-c", ".help import"])
        for line in wrapped.text.split(separator: "\n") { #expect(DisplayColumns.width(String(line)) <= 50, "\(line)") }
        #expect(Self.words(wrapped.text) == Self.words(plain.text))
    }
}

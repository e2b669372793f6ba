import Foundation
import Testing

/// Ctrl-C during each long operation on a 2-million-row table brings the
/// prompt back, with the session intact. The bound asserted is generous (a
/// busy CI machine is not a benchmark); the measured times are printed and
/// recorded in docs/RELIABILITY.md (SCICITY_TEST_BINARY runs it against a
/// release build).
@Suite(.serialized) struct InterruptTests {
    static let rows = 2_000_000

    /// id, customer (200,000 different), category (50), region (8), value;
    /// as CSV and as JSON Lines.
    static func makeData(in folder: URL) throws {
        let regions = ["华东", "华南", "华北", "西南", "西北", "东北", "华中", "海外"]
        var csv = "id,customer,category,region,value\n"
        var json = ""
        csv.reserveCapacity(80 << 20)
        json.reserveCapacity(160 << 20)
        for i in 0..<rows {
            let customer = "客户\(i % 200_000)", category = "c\(i % 50)", region = regions[i % 8], value = "\(i % 9973).\(i % 10)"
            csv += "\(i),\(customer),\(category),\(region),\(value)\n"
            json += #"{"id":\#(i),"customer":"\#(customer)","category":"\#(category)","region":"\#(region)","value":\#(value)}"# + "\n"
        }
        try csv.write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        try json.write(to: folder.appendingPathComponent("big.jsonl"), atomically: true, encoding: .utf8)
    }

    /// The statements interrupted, by what they spend their time on.
    static let cases: [(name: String, statement: String)] = [
        ("CSV loading", #".import "big.csv" as b2"#),
        ("JSON loading", #".import "big.jsonl" as j"#),
        ("join build and probe", "b | join b as c on customer == customer | summarize n = count() by b.region"),
        ("summarize", "b | summarize n = count(), s = sum(value), m = median(value), l = list(category) by customer, id"),
        ("sort", "b | sort customer desc, value, region desc, id"),
        ("distinct", "b | distinct customer, value, id"),
        ("window", "b | window by customer sort value desc r = rank(), s = sum(value)"),
        ("pivot", "b | pivot region, sum(value) by customer, id"),
        // A kernel over every row of an expression: 2 million texts made.
        ("an expression over every row", #"b | derive t = concat(customer, "-", category, "-", region, text(id)) | where t is null | count"#),
        ("a regex over every row", #"b | derive t = regexp_replace(customer + text(id), "[0-9]", "x") | where t is null | count"#),
        ("export CSV", #"b | derive w = value * 2 | export "out.csv""#),
        ("export JSON", #"b | derive w = value * 2 | export "out.json""#),
        ("rendering", #".once "out.txt""# + "\n" + "b | derive w = value * 2"),
        ("many-to-many join and export to JSON", #"b | take 100000 | join b as c on category == category | export "x.json""#),
    ]

    /// How many times each operation is interrupted: 1 in the suite;
    /// SCICITY_INTERRUPT_RUNS=5 (with a release SCICITY_TEST_BINARY) gives the
    /// median and max recorded in docs/RELIABILITY.md.
    static let runs = max(1, Int(ProcessInfo.processInfo.environment["SCICITY_INTERRUPT_RUNS"] ?? "") ?? 1)

    /// Ctrl-C comes this long after Enter, a different moment on each run so
    /// that each phase of an operation (reading, parsing, building, writing)
    /// is hit; the first run's 250 ms is inside every operation's work even
    /// in a release build.
    static let delays: [useconds_t] = [250_000, 100_000, 500_000, 50_000, 800_000, 175_000, 1_200_000]

    @Test func ctrlCStopsEveryLongOperationAndThePromptComesBack() throws {
        guard Tmux.isAvailable else { return }
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeData(in: folder)
        let terminal = try Tmux(width: 160, height: 50, directory: folder)
        terminal.type(#".import "big.csv" as b"#)
        terminal.press("Enter")
        #expect(terminal.waitForPromptAfter(#".import "big.csv" as b"#, seconds: 600) != nil)
        // An operation that finishes before Ctrl-C shows its result: cut to
        // the screen, not in a pager that would take the next keys.
        terminal.type(".pager off")
        terminal.press("Enter")
        _ = terminal.waitForPromptAfter(".pager off", seconds: 10)
        var times: [(name: String, milliseconds: [Int], finished: Int)] = []
        for (name, statement) in Self.cases {
            var milliseconds: [Int] = [], finishedFirst = 0
            let lines = statement.split(separator: "\n").map(String.init)
            for run in 0..<Self.runs {
                for (index, line) in lines.enumerated() {
                    if index > 0 { _ = terminal.waitForPromptAfter(lines[index - 1], seconds: 10) }
                    terminal.type(line)
                    terminal.press("Enter")
                }
                // Inside the work, short of its end (each takes seconds in a
                // debug build; a fast release build may finish some first).
                usleep(Self.delays[run % Self.delays.count])
                let start = Date()
                terminal.press("C-c")
                let said = terminal.waitForPromptAfter(lines.last ?? "", seconds: 30)
                let elapsed = Date().timeIntervalSince(start)
                // The many-to-many join may be refused by the memory limit before
                // Ctrl-C arrives: a clear error is as good as an interruption.
                let refused = name.hasPrefix("many") && (said ?? "").contains("this join would make")
                // Finished before Ctrl-C arrived (a result, then Ctrl-C at the
                // prompt), or as it arrived, after the work's last look at it
                // (the terminal echoes ^C, then the result comes).
                let stopped = said?.contains("error: interrupted") == true
                let finished = !stopped && !refused && said.map { !$0.contains("error") && $0.contains("^C") } == true
                #expect(stopped || refused || finished, "\(name): \(said ?? terminal.screen)")
                // Generous: the suite runs a debug build beside the other suites
                // on a shared machine (at a load average of 15 on 2 cores, CSV
                // loading once took 2.1 s to stop; the figures in
                // docs/RELIABILITY.md are the release build's). 5 s still fails
                // a stage with no look at Ctrl-C, which took 25 s or never
                // stopped before.
                #expect(elapsed < 5.0, "\(name): the prompt came back \(Int(elapsed * 1000)) ms after Ctrl-C")
                if finished { finishedFirst += 1 } else { milliseconds.append(Int(elapsed * 1000)) }
                // The session is intact after each one: the table is whole,
                // and an interrupted import defined nothing.
                try Self.expectIntact(terminal, after: name)
            }
            times.append((name, milliseconds, finishedFirst))
        }
        for (name, milliseconds, finished) in times {
            let sorted = milliseconds.sorted()
            let figures = sorted.isEmpty ? "finished before Ctrl-C" : "median \(sorted[sorted.count / 2]) ms, max \(sorted.last ?? 0) ms over \(sorted.count)"
            print("interrupt latency \(name): \(figures)\(finished > 0 ? " (\(finished) finished first)" : "")")
        }
        let all = times.flatMap(\.milliseconds).sorted()
        if !all.isEmpty { print("interrupt latency, every operation: median \(all[all.count / 2]) ms, max \(all.last ?? 0) ms") }
        // No file half written by an interrupted export.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(!left.contains("out.csv") && !left.contains("out.json") && !left.contains("x.json") && !left.contains("out.txt"), "\(left)")
        #expect(!left.contains { $0.hasPrefix(".scicity-") }, "a temporary file was left: \(left)")
    }

    /// `b` still counts 2,000,000 rows, and the tables an interrupted
    /// `.import` would have made do not exist.
    static func expectIntact(_ terminal: Tmux, after name: String) throws {
        let statement = "b | count"
        terminal.type(statement)
        terminal.press("Enter")
        let counted = terminal.waitForPromptAfter(statement, seconds: 30) ?? terminal.screen
        #expect(counted.contains("2,000,000") || counted.contains("2000000"), "after \(name): \(counted)")
        guard name.hasSuffix("loading") else { return }
        let table = name.hasPrefix("CSV") ? "b2" : "j"
        let probe = "\(table) | count"
        terminal.type(probe)
        terminal.press("Enter")
        let said = terminal.waitForPromptAfter(probe, seconds: 30) ?? terminal.screen
        // Interrupted, the import made no table (or left the one a finished
        // run made); finished, it made the whole one. Never part of one.
        #expect(said.contains("error") || said.contains("2,000,000") || said.contains("2000000"), "after \(name): \(said)")
    }
}

extension Tmux {
    /// The pane's text with the last lines scrolled off, joined where they wrapped.
    var recentText: String {
        (try? tmux(["capture-pane", "-t", "0", "-p", "-S", "-200", "-J"])) ?? ""
    }

    /// Polls (every few milliseconds) until the last line typed, `typed`, is
    /// followed by a fresh, empty prompt, and returns what came between; nil
    /// if that takes `seconds`.
    func waitForPromptAfter(_ typed: String, seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = recentText
            // The line as typed at the prompt (an error repeats the statement
            // without the prompt).
            if let range = text.range(of: "scicity> " + typed, options: .backwards) {
                let after = text[range.upperBound...]
                let lines = after.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
                if !lines.isEmpty, lines.last == "scicity>" { return String(after) }
            }
            usleep(5_000)
        }
        return nil
    }
}

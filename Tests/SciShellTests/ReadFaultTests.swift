import Foundation
import SciIO
import SciLanguage
@testable import SciShell
import Testing

/// Reads that go wrong: a file changed while it is read, a named pipe with
/// no writer, a path that cannot be opened. Tests may run as root, where
/// permissions do not bite, so unreadable means a folder, a path through a
/// file, or a pipe nobody writes.
@Suite struct ReadFaultTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func bigFile(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("big.csv")
        var text = "i,twice\n"
        for i in 0..<300_000 { text += "\(i),\(2 * i)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The file shrinks (another program truncates it) after the first
    /// megabyte has been read: an error naming the file, not the rows read
    /// so far with a last row cut in half.
    @Test func aFileTruncatedWhileReadIsAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.bigFile(in: folder)
        #expect(throws: Diagnostic.self) {
            _ = try FileSystem.read(file.path, afterChunk: { truncate(file.path, 1000) })
        }
        do {
            _ = try FileSystem.read(file.path, afterChunk: { truncate(file.path, 500) })
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.hasPrefix("cannot read \(file.path): it changed while it was read"), "\(diagnostic.message)")
        }
        // Read again when nothing writes it: what is there now.
        #expect(try FileSystem.read(file.path).count == 500)
    }

    /// The file grows (a program appends to it) while it is read.
    @Test func aFileGrowingWhileReadIsAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.bigFile(in: folder)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var appended = false
        do {
            _ = try FileSystem.read(file.path, afterChunk: {
                guard !appended else { return }
                appended = true
                handle.seekToEndOfFile()
                handle.write(Data("300000,600000\n30".utf8))
            })
            Issue.record("a growing file was read without an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains("it changed while it was read"), "\(diagnostic.message)")
        }
    }

    /// A named pipe: read once (the planner's look at the first rows does not
    /// swallow them), all of what the writer wrote, however slowly.
    @Test func aNamedPipeIsReadOnceAndWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe.csv")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe.path) else { return }
            handle.write(Data("k,v\n".utf8))
            for i in 0..<2000 {
                handle.write(Data("\(i),科学城\(i)\n".utf8))
                if i % 500 == 0 { usleep(20_000) }
            }
            try? handle.close()
        }
        writer.start()
        let (environment, captured) = ShellEnvironment.capturing()
        var session = try Session(environment: environment)
        session.settings.format = .csv
        let outcome = session.run(SourceText(name: "t", text: "load \"\(pipe.path)\" | summarize n = count(), s = sum(k)"))
        #expect(outcome.errors == 0, "\(captured.messages)")
        #expect(String(decoding: captured.output, as: UTF8.self) == "n,s\n2000,1999000\n")
    }

    /// A named pipe that nobody writes: waiting for it stops on Ctrl-C
    /// (before, `open` blocked for ever and Ctrl-C was not heard).
    @Test func aNamedPipeWithNoWriterStopsOnCtrlC() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("silent.csv")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        var (environment, captured) = ShellEnvironment.capturing()
        let start = ContinuousClock.now
        environment.isInterrupted = { ContinuousClock.now - start > .milliseconds(300) }
        var session = try Session(environment: environment)
        let outcome = session.run(SourceText(name: "t", text: "load \"\(pipe.path)\" | count"))
        #expect(outcome.interrupted)
        #expect(captured.messages.contains("interrupted"), "\(captured.messages)")
        session.environment.isInterrupted = { false }
        #expect(session.run(SourceText(name: "t", text: "people | count")).errors == 0)
    }

    /// Paths that cannot be read, each one error that names the path.
    @Test func unreadablePathsAreOneErrorNamingThem() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain.csv")
        try "a\n1\n".write(to: file, atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            (folder.path, "it is a directory"),
            (file.path + "/inside.csv", "Not a directory"),
            (folder.appendingPathComponent("missing.csv").path, "No such file or directory"),
        ]
        for (path, reason) in cases {
            let (environment, captured) = ShellEnvironment.capturing()
            var session = try Session(environment: environment)
            for statement in ["load \"\(path)\" | count", ".import \"\(path)\" as x"] {
                captured.messages = ""
                let outcome = session.run(SourceText(name: "t", text: statement))
                #expect(outcome.errors == 1)
                #expect(captured.messages.contains(path) && captured.messages.contains(reason), "\(statement): \(captured.messages)")
                #expect(captured.messages.components(separatedBy: "error:").count == 2, "\(captured.messages)")
            }
        }
    }
}

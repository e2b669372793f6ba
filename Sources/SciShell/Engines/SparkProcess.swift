#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciEngine
import SciIO
import SciLanguage

/// One `spark-sql` for a whole session: starting Spark's JVM takes most of a
/// run (about 25 s on a quiet machine), so a script of several pipelines
/// starts it once, at its first pipeline on Spark, and sends each
/// pipeline's statements to the same process, reading its rows back up to
/// a marker. A failing statement fails only its pipeline (spark-sql at its
/// prompt goes on to the next). The process ends with the session (its
/// input closed), or when a run is interrupted or the process dies; the next
/// pipeline then starts another.
final class SparkConnection: @unchecked Sendable {
    private var process: SparkProcess?

    /// The rows of the last of `statements`, a query giving each row's
    /// order as `_r` (BIGINT) and its text as `_line`, or a failure with
    /// what spark-sql wrote on standard error.
    func run(_ statements: [String], executable: String, master: String, environment: [String: String],
             temporary: String?, isInterrupted: () -> Bool) throws -> SparkProcess.Reply {
        if let running = process, running.master != master || running.executable != executable {
            running.close()
            process = nil
        }
        let current = try process ?? SparkProcess(executable: executable, master: master, environment: environment, temporary: temporary)
        process = current
        do {
            return try current.run(statements, isInterrupted: isInterrupted)
        } catch {
            // An interrupted or dead process is not used again.
            if !(error is SparkProcess.StatementFailed) {
                current.close(kill: true)
                process = nil
            }
            throw error
        }
    }

    /// Ends the process, if one runs; the next pipeline on Spark starts another.
    func stop() {
        process?.close()
        process = nil
    }

    deinit { process?.close() }
}

/// A running spark-sql reading statements from a pipe (it echoes each line
/// it reads after its prompt, then prints the statement's rows).
final class SparkProcess: @unchecked Sendable {
    let master: String
    let executable: String
    private let pid: pid_t
    private var input: Int32
    private let output: Int32
    private let errors: Int32
    /// Spark's warehouse and metastore, for the process's life.
    private let directory: String
    private var runs = 0
    private var closed = false

    struct Reply {
        /// What the query printed, one row a line.
        var rows: [UInt8]
    }

    /// A statement failed; the process goes on.
    struct StatementFailed: Error {
        var message: String
    }

    init(executable: String, master: String, environment: [String: String], temporary: String?) throws {
        self.master = master
        self.executable = executable
        directory = try ExternalEngine.temporaryDirectory(temporary)
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1], errorsFromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0, pipe(&errorsFromChild) == 0 else {
            throw Diagnostic(message: "cannot start spark-sql: \(FileSystem.errorText(errno))")
        }
        for fd in toChild + fromChild + errorsFromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorsFromChild[1], 2)
        // A process group of its own: Ctrl-C at the terminal is scicity's to
        // handle (it ends the whole group), and SIGPIPE is the default again.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        CommandPipe.restoreDefaultSignals(&attributes)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let arguments = ExternalEngine.sparkArguments(master: master, directory: directory)
        var child = pid_t()
        let status = Subprocess.spawn(&child, executable, arguments, environment: environment, actions: &actions, attributes: &attributes)
        closeDescriptor(toChild[0])
        closeDescriptor(fromChild[1])
        closeDescriptor(errorsFromChild[1])
        guard status == 0 else {
            closeDescriptor(toChild[1]); closeDescriptor(fromChild[0]); closeDescriptor(errorsFromChild[0])
            ExternalEngine.remove(directory)
            throw Diagnostic(message: "cannot run \(executable): \(FileSystem.errorText(status))")
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        errors = errorsFromChild[0]
    }

    /// Sends the statements and a marker, and reads up to the marker's row.
    /// The query's rows follow a first row of its own (`begin`): a query
    /// that failed printed none, and what the process wrote on standard
    /// error meanwhile says why.
    func run(_ statements: [String], isInterrupted: () -> Bool) throws -> Reply {
        runs += 1
        let token = "\(pid)x\(runs)x\(UInt64.random(in: 0...UInt64.max))"
        let begin = "scicity-rows-" + token, done = "scicity-done-" + token
        var lines = statements.map(Self.oneLine)
        if let query = lines.popLast() {
            lines.append("SELECT _line FROM (SELECT 0 AS _k, CAST(0 AS BIGINT) AS _r, concat('scicity-rows-', '\(token)') AS _line UNION ALL SELECT 1, _r, _line FROM (\(query)) AS _q) AS _all ORDER BY _k, _r")
        }
        lines.append("SELECT concat('scicity-done-', '\(token)')")
        let text = lines.map { $0 + ";\n" }.joined()
        try send(Array(text.utf8))
        var out: [UInt8] = [], err: [UInt8] = []
        let endMark = Array(("\n" + done + "\n").utf8)
        // The marker's row, and after it (maybe in the same read) the next prompt.
        var searched = 0
        while true {
            if let at = Self.find(endMark, in: out, from: max(0, searched - endMark.count)) {
                out.removeSubrange((at + endMark.count)...)
                break
            }
            searched = out.count
            if isInterrupted() { throw Interrupted() }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, 100)
            if ready < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(message: "spark-sql: \(FileSystem.errorText(errno))")
            }
            var ended = false
            for (index, fd) in [output, errors].enumerated() where fds[index].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { out += buffer[0..<count] } else { err += buffer[0..<count] }
                } else if count == 0 || errno != EINTR {
                    ended = true
                }
            }
            if ended {
                throw Diagnostic(message: "spark failed: " + ExternalEngine.gist(Self.telling(err) + String(decoding: out, as: UTF8.self)))
            }
        }
        // The rows: the lines after `begin`, up to the marker's echo.
        guard let start = Self.line(begin, in: out) else {
            throw StatementFailed(message: ExternalEngine.gist(Self.telling(err)))
        }
        // Then the marker's statement, echoed on one line (spark-sql's line
        // editor breaks a long line with carriage returns, never a line end).
        var end = out.count - endMark.count
        while end > start, out[end - 1] != 10 { end -= 1 }
        return Reply(rows: Array(out[start..<end]))
    }

    /// A statement on one line: spark-sql reads a line at a time. Spark's
    /// string literals as scicity writes them escape their line breaks, so
    /// a line break in the SQL is only ever space between words.
    static func oneLine(_ statement: String) -> String {
        String(statement.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
    }

    /// What spark-sql wrote on standard error but its log (lines that start
    /// with a date), stack traces and timings: the error as Spark words it.
    static func telling(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let logged = line.first.map { $0.isNumber } == true && (line.contains(" WARN ") || line.contains(" INFO ") || line.contains(" ERROR "))
            return !(logged || trimmed.hasPrefix("at ") || trimmed.hasPrefix("... ") || line.hasPrefix("Time taken:") || line.hasPrefix("WARNING:")
                     || line.hasPrefix("Using Spark's default log4j") || line.hasPrefix("Setting default log level") || line.hasPrefix("To adjust logging level"))
        }.joined(separator: "\n")
    }

    /// Where the line after the line equal to `text` starts.
    static func line(_ text: String, in bytes: [UInt8]) -> Int? {
        let wanted = Array(("\n" + text + "\n").utf8)
        if bytes.starts(with: wanted.dropFirst()) { return wanted.count - 1 }
        return find(wanted, in: bytes, from: 0).map { $0 + wanted.count }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard needle.count <= bytes.count, from <= bytes.count - needle.count else { return nil }
        var index = from
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(message: "spark-sql stopped reading: \(FileSystem.errorText(errno))")
            }
            sent += count
        }
    }

    /// Ends the process: its input closed (it quits at the end), or, when
    /// `kill`, its whole process group killed.
    func close(kill: Bool = false) {
        guard !closed else { return }
        closed = true
        if kill { signalGroup(pid) }
        closeDescriptor(input)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // The JVM the script started may outlive the script by a moment.
        if kill { signalGroup(pid) }
        closeDescriptor(output)
        closeDescriptor(errors)
        ExternalEngine.remove(directory)
    }

    deinit { close() }
}

/// The free functions, out of reach of `SparkProcess.close` by name.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
private func signalGroup(_ pid: pid_t) { _ = kill(-pid, SIGKILL) }


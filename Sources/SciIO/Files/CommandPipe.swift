#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciLanguage

/// A shell command that reads what scicity writes: `.output |COMMAND` and
/// `.once |COMMAND`, as in sqlite3. The command runs under /bin/sh with
/// scicity's standard output and error; its standard input is a pipe.
/// A command that stops reading early (`head -1`) is not an error: the rest
/// is dropped.
public final class CommandPipe: @unchecked Sendable {
    public let command: String
    private var fd: Int32
    private let pid: pid_t
    private var readerGone = false

    /// `extraEnvironment` is added to (or replaces in) scicity's own.
    public init(command: String, extraEnvironment: [String: String] = [:]) throws {
        self.command = command
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw Diagnostic(message: "cannot start |\(command): \(FileSystem.errorText(errno))")
        }
        // Neither end may leak into other commands started later.
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        // scicity ignores SIGPIPE; the command should not inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        CommandPipe.restoreDefaultSignals(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = ["/bin/sh", "-c", command]
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = []
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
            if extraEnvironment[name] == nil { cEnvironment.append(strdup(entry)) }
            pointer += 1
        }
        for (name, value) in extraEnvironment { cEnvironment.append(strdup("\(name)=\(value)")) }
        cEnvironment.append(nil)
        defer { for entry in cEnvironment { free(entry) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, &attributes, &cArguments, &cEnvironment)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            throw Diagnostic(message: "cannot start |\(command): \(FileSystem.errorText(spawned))")
        }
        fd = ends[1]
        pid = child
    }

    deinit { _ = finish() }

    public func write(_ bytes: ArraySlice<UInt8>) throws {
        guard fd >= 0, !readerGone else { return }
        do {
            try FileDescriptorSink(fd: fd, path: "|\(command)").write(bytes)
        } catch is FileDescriptorSink.Closed {
            readerGone = true
        }
    }

    /// Closes the command's input and waits for it; returns its exit status
    /// (nil the second time, or when it was ended by a signal).
    @discardableResult
    public func finish() -> Int32? {
        guard fd >= 0 else { return nil }
        close(fd)
        fd = -1
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }
}

extension CommandPipe {
    /// A spawned program gets SIGPIPE and SIGINT at their defaults: scicity
    /// ignores the one and handles the other itself, and a child should do
    /// neither. The caller adds POSIX_SPAWN_SETSIGDEF to its flags.
    public static func restoreDefaultSignals(_ attributes: inout posix_spawnattr_t) {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciIO
import SciLanguage

/// Runs another program to its end, standard input from a file and
/// standard output and error into files: how the SQL engines are run.
enum Subprocess {
    struct Failed: Error {
        var message: String
    }

    /// The exit status (or 128 + signal).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String = "/dev/null", stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid = pid_t()
        let status = spawn(&pid, executable, arguments, environment: environment, actions: &actions, attributes: nil)
        guard status == 0 else { throw Failed(message: "cannot run \(executable): \(FileSystem.errorText(status))") }
        var result: Int32 = 0
        while waitpid(pid, &result, 0) < 0 {
            if errno != EINTR { throw Failed(message: "waiting for \(executable): \(FileSystem.errorText(errno))") }
        }
        if result & 0x7f == 0 { return (result >> 8) & 0xff }
        return 128 + (result & 0x7f)
    }

    /// `posix_spawn` with C copies of the arguments and the environment:
    /// 0, or the error number.
    static func spawn(_ pid: inout pid_t, _ executable: String, _ arguments: [String], environment: [String: String],
                      actions: UnsafePointer<posix_spawn_file_actions_t>, attributes: UnsafePointer<posix_spawnattr_t>?) -> Int32 {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        return argv.withUnsafeBufferPointer { a in
            envp.withUnsafeBufferPointer { e in
                guard let a = a.baseAddress, let e = e.baseAddress else { return EINVAL }
                return posix_spawn(&pid, executable, actions, attributes, UnsafeMutablePointer(mutating: a), UnsafeMutablePointer(mutating: e))
            }
        }
    }

    /// The first executable `name` on `PATH`.
    static func find(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

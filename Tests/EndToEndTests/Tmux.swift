import Foundation

/// A real terminal for the prompt's tests: tmux runs scicity in a pane of a
/// fixed size; the test types keys and reads the screen as a person would.
final class Tmux {
    let socket = "scicity-test-\(UUID().uuidString.prefix(8))"
    let home: URL
    let history: URL

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// `jobControl`: scicity is started from an interactive bash, as a
    /// user starts it, so that Ctrl-Z and fg can be tried.
    init(width: Int = 100, height: Int = 40, history: URL? = nil, environment: [String: String] = [:], arguments: [String] = [],
         directory: URL? = nil, jobControl: Bool = false) throws {
        home = try Binary.temporaryDirectory()
        self.history = history ?? home.appendingPathComponent("history")
        // CI's locale is not UTF-8: scicity must cope (it falls back to C.UTF-8).
        var variables = ["LANG": "C", "LC_ALL": "", "HOME": home.path, "SCICITY_HISTORY": self.history.path, "TERM": "xterm-256color"]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let change = directory.map { "cd '\($0.path)' && " } ?? ""
        let start = "\(change)env -u NO_COLOR -u COLUMNS -u PAGER -u LESS \(assignments) '\(Binary.url.path)' \(quoted)"
        if jobControl {
            try tmux(["-u", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env PS1='$ ' bash --norc --noprofile -i"])
            _ = waitFor("$ ")
            type(start)
            press("Enter")
        } else {
            try tmux(["-u", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", start + "; echo \"[exited $?]\"; sleep 30"])
        }
        _ = waitFor("scicity>")
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }

    /// Runs tmux with posix_spawn and waitpid. (Foundation's Process
    /// notices a child's exit through an inherited descriptor, which the
    /// daemonised tmux server keeps open, so it would wait for ever.)
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The tmux server outlives this call: it must not hold the test
        // process's other descriptors (pipes of concurrent tests would
        // never reach end of file), nor its blocked signals (a worker
        // thread's mask would leave scicity deaf to SIGHUP and SIGINT).
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ["/usr/bin/env", "LANG=C.UTF-8", "tmux", "-L", socket] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc
    /// module does not declare.
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    static let addCloseFrom: AddCloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// Types text literally.
    func type(_ text: String) {
        _ = try? tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// Types lines, each followed by Enter, in one go, as a paste arrives.
    func paste(_ lines: [String]) {
        var arguments: [String] = []
        for line in lines {
            if !arguments.isEmpty { arguments.append(";") }
            arguments += ["send-keys", "-t", "0", "-l", line, ";", "send-keys", "-t", "0", "Enter"]
        }
        _ = try? tmux(arguments)
    }

    /// Presses keys by name: Enter, Tab, Up, Left, C-c, C-d, C-r, BSpace.
    func press(_ keys: String...) {
        _ = try? tmux(["send-keys", "-t", "0"] + keys)
    }

    var screen: String {
        (try? tmux(["capture-pane", "-t", "0", "-p"])) ?? ""
    }

    /// The screen with its colours, as escape sequences.
    var colouredScreen: String {
        (try? tmux(["capture-pane", "-t", "0", "-p", "-e"])) ?? ""
    }

    /// Waits (up to a few seconds, polling) until the screen shows `text`;
    /// returns the screen either way.
    func waitFor(_ text: String, count: Int = 1) -> String {
        var current = ""
        for _ in 0..<100 {
            current = screen
            if current.components(separatedBy: text).count - 1 >= count { return current }
            usleep(50_000)
        }
        return current
    }

    /// The line the cursor is on, as shown.
    var currentLine: String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let y = Int((try? tmux(["display-message", "-p", "-t", "0", "#{cursor_y}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        return y < lines.count ? String(lines[y]) : ""
    }
}

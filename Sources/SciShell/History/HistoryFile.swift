#if canImport(Glibc)
import Glibc
#endif
import SciEngine
import SciIO
import SciLanguage

/// The prompt's history on disk: one entry a line, newest last, a statement
/// that spans lines kept as one entry (its line breaks written as \n).
/// Consecutive duplicates are dropped and the file keeps the newest
/// `limit` entries. A missing, unreadable or corrupt file gives an empty or
/// partial history, never an error that stops the shell.
public struct HistoryFile: Sendable {
    public let path: String
    public let limit: Int
    /// A fault to inject into the write (tests: the disk filling up).
    public var writeFault: WriteFault?

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
    }

    /// `$SCICITY_HISTORY`, else `$XDG_STATE_HOME/scicity/history`, else
    /// `~/.local/state/scicity/history`.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let explicit = environment["SCICITY_HISTORY"], !explicit.isEmpty { return explicit }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/scicity/history" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/scicity/history" }
        return nil
    }

    public func load() -> [String] {
        guard let bytes = try? FileSystem.read(path) else { return [] }
        // Invalid UTF-8 lines are skipped rather than trusted.
        var entries: [String] = []
        for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
            guard let text = String(validating: line, as: UTF8.self) else { continue }
            let entry = Self.unescape(text)
            if entry.isEmpty || entry.utf8.contains(0) { continue }
            if entries.last != entry { entries.append(entry) }
        }
        return Array(entries.suffix(limit))
    }

    /// Adds an entry to the file, written again atomically (a crash
    /// mid-way never corrupts it): what the file holds now, since another
    /// session may have added to it; then `pending`, this session's
    /// entries that a failed write did not save, and this one. `pending`
    /// is emptied once they are saved. Failures are returned, not thrown:
    /// history is a convenience.
    @discardableResult
    public func append(_ entry: String, pending: inout [String]) -> String? {
        let trimmed = entry.trimmingCharacters(of: "\n\r ", leading: false)
        guard !trimmed.isEmpty else { return nil }
        pending.append(trimmed)
        let toSave = pending
        FileSystem.makeDirectories(FileSystem.folder(of: path))
        // Locked from the read to the rename: two sessions pressing Enter
        // at once would each write the file without the other's entry.
        let problem = FileLock.withLock(onFolderOf: path) {
            var entries = load()
            for entry in toSave where entries.last != entry { entries.append(entry) }
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
            return save(entries)
        }
        if let problem { return problem }
        pending.removeAll()
        return nil
    }

    func save(_ entries: [String]) -> String? {
        let text = entries.map(Self.escape).joined(separator: "\n") + "\n"
        do {
            let bytes = Array(text.utf8)
            try FileSystem.writeAtomically(path) { write in
                if let writeFault, bytes.count > writeFault.afterBytes {
                    try write(bytes.prefix(writeFault.afterBytes))
                    switch writeFault.kind {
                    case .interrupted: throw Interrupted()
                    case .diskFull: throw Diagnostic(message: "cannot write \(path): \(FileSystem.errorText(ENOSPC))")
                    }
                }
                try write(bytes[...])
            }
            return nil
        } catch let interrupted as Interrupted {
            return interrupted.message
        } catch {
            return "\(error)"
        }
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for c in entry.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ line: String) -> String {
        var out = ""
        var escaped = false
        for c in line.unicodeScalars {
            if escaped {
                out += c == "n" ? "\n" : String(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c != "\r" {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciEngine
import SciLanguage

extension FileSystem {
    /// Opens a file to read it. A named pipe (FIFO) with no writer yet would
    /// block `open` for ever, deaf to Ctrl-C (the handler restarts system
    /// calls): it is opened without waiting, and the first data (or its
    /// writer's end) is waited for in short polls that look at Ctrl-C.
    static func openForReading(_ path: String) throws -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO else {
            return open(path, O_RDONLY | O_CLOEXEC)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return fd }
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            do { try Cancellation.check() } catch {
                close(fd)
                throw error
            }
            let n = poll(&ready, 1, 50)
            if n > 0 { break }
            if n < 0, errno != EINTR { break }
        }
        // From here on, reads wait for data as they do on any pipe.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A regular file: one that can be read twice (a named pipe, a device
    /// or standard input cannot).
    public static func isRegularFile(_ path: String) -> Bool {
        size(path) != nil
    }
}

extension FileSystem {
    /// A directory entry's name. It is read up to its end only: the entry
    /// readdir gives may be shorter than the declared 256-byte name field, so
    /// copying the whole field (as `withUnsafeBytes(of:)` does) read past the
    /// end of the directory's buffer (found by fuzzing the completer).
    public static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: &entry.pointee.d_name) { field in
            field.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
    }

    /// The file read whole is still the one that was opened: the same size
    /// as the bytes read, and not modified since.
    static func checkUnchanged(_ fd: Int32, path: String, before: stat, read: Int) throws {
        var after = stat()
        guard fstat(fd, &after) == 0 else { return }
        let modified = after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec
        if Int(after.st_size) != read || Int(before.st_size) != read || modified {
            throw Diagnostic(message: "cannot read \(path): it changed while it was read (\(before.st_size) bytes when opened, \(after.st_size) now, \(read) read); read it again when nothing is writing it")
        }
    }
}

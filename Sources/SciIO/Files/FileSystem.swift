#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciEngine
import SciLanguage

/// The few file operations scicity needs, on POSIX calls directly (no
/// Foundation, which costs start-up time), each failure a clear error that
/// names the path.
public enum FileSystem {
    public static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The size of a regular file, or nil.
    public static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The whole file, or its first `limit` bytes. "-" reads standard
    /// input. `progress` is advanced by the bytes read.
    /// A regular file that grows, shrinks or is rewritten while it is read
    /// is an error, not a table cut mid-row. (`afterChunk` lets tests
    /// change the file part-way.)
    public static func read(_ path: String, limit: Int? = nil, progress: ProgressMeter? = nil, afterChunk: (() -> Void)? = nil) throws -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : try openForReading(path)
        if fd < 0 { throw Diagnostic(message: "cannot open \(path): \(errorText(errno))") }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic(message: "cannot read \(path): it is a directory")
        }
        var result: [UInt8] = []
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 { result.reserveCapacity(min(Int(info.st_size), limit ?? Int.max)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        // A terminal or a pipe may keep a read waiting for as long as it
        // likes (`.import -` at the prompt): Ctrl-C is heard while it waits.
        let mayWait = (info.st_mode & S_IFMT) != S_IFREG
        while result.count < limit ?? Int.max {
            if mayWait { try waitUntilReadable(fd) }
            let wanted = min(chunk.count, (limit ?? Int.max) - result.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(message: "cannot read \(path): \(errorText(errno))")
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
            progress?.advance(n)
            afterChunk?()
            // A big file takes a few hundred milliseconds to read: Ctrl-C is
            // heard between its megabytes.
            try Cancellation.check()
        }
        if limit == nil, (info.st_mode & S_IFMT) == S_IFREG {
            try checkUnchanged(fd, path: path, before: info, read: result.count)
        }
        return result
    }

    /// Returns when `fd` has something to read (or its end), looking at
    /// Ctrl-C every tenth of a second meanwhile.
    static func waitUntilReadable(_ fd: Int32) throws {
        var wanted = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&wanted, 1, 100)
            if ready > 0 { return }
            if ready < 0, errno != EINTR { return }  // the read that follows reports it
            try Cancellation.check()
        }
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory (for completing paths), sorted, without . and ..
    public static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Why `writeAtomically` could not write `path`, known before anything
    /// is written (`.once` and `.output` say so when typed, not at the next
    /// statement): its folder is missing or not writable, or it is a folder.
    /// `probe` makes and removes a temporary file beside it, as the write
    /// will: only that shows a folder that permissions allow but the file
    /// system refuses (read-only, /sys, /proc, or as root).
    public static func writeProblem(_ path: String, probe: Bool = false) -> String? {
        let directory = folder(of: path)
        if !isDirectory(directory) { return "cannot write \(path): the folder \(directory) does not exist" }
        if isDirectory(path) { return "cannot write \(path): it is a directory" }
        if access(directory, W_OK | X_OK) != 0 { return "cannot write \(path): \(errorText(errno))" }
        guard probe else { return nil }
        guard let (fd, temporary) = temporaryFile(in: directory) else { return "cannot write \(path): \(errorText(errno))" }
        close(fd)
        unlink(temporary)
        return nil
    }

    /// The folder a path is in ("." for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A new, empty hidden file in `directory`, open for writing, and its
    /// path; nil with errno set when the folder refuses it.
    static func temporaryFile(in directory: String) -> (fd: Int32, path: String)? {
        var template = Array("\(directory)/.scicity-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return nil }
        return (fd, String(cString: template.map { $0 }))
    }

    /// Writes a file atomically: into a temporary file beside it, flushed to
    /// disk, then renamed over the target. If anything fails, or the writer
    /// is interrupted, the temporary file is removed and the old file is
    /// left exactly as it was.
    public static func writeAtomically(_ path: String, _ produce: (_ write: @escaping (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        if let problem = writeProblem(path) { throw Diagnostic(message: problem) }
        guard let (fd, temporary) = temporaryFile(in: folder(of: path)) else {
            throw Diagnostic(message: "cannot write \(path): \(errorText(errno))")
        }
        var succeeded = false
        defer {
            if !succeeded {
                close(fd)
                unlink(temporary)
            }
        }
        // Keep the permissions of a file being replaced; else the usual 0644 less umask.
        var info = stat()
        if stat(path, &info) == 0 {
            fchmod(fd, info.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        let sink = FileDescriptorSink(fd: fd, path: path)
        try produce { try sink.write($0) }
        if fsync(fd) != 0, errno != EINVAL {
            throw Diagnostic(message: "cannot write \(path): \(errorText(errno))")
        }
        if close(fd) != 0 {
            throw Diagnostic(message: "cannot write \(path): \(errorText(errno))")
        }
        if rename(temporary, path) != 0 {
            let message = errorText(errno)
            unlink(temporary)
            succeeded = true
            throw Diagnostic(message: "cannot write \(path): \(message)")
        }
        succeeded = true
    }
}

/// Writes every byte to a file descriptor, retrying short writes.
public struct FileDescriptorSink: Sendable {
    public let fd: Int32
    public let path: String

    public init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// A write to a closed pipe.
    public struct Closed: Error {
        public init() {}
    }

    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { throw Closed() }
                    throw Diagnostic(message: "cannot write \(path): \(FileSystem.errorText(errno))")
                }
                offset += n
            }
        }
    }
}

extension FileSystem {
    /// mkdir -p; failures are left for the following write to report.
    public static func makeDirectories(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if !isDirectory(current) { mkdir(current, 0o755) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock held while a read-change-write of a file runs, so two
/// processes doing the same do not lose each other's change. It is taken
/// on the file's folder: the file itself is replaced by a rename, so it
/// cannot carry the lock, and a lock file beside it would be one more file
/// left in the user's folder. A lock not had within about a second, or a
/// folder that cannot be opened, runs the work without it: the lock narrows
/// a race, it never stops work.
public enum FileLock {
    public static func withLock<T>(onFolderOf path: String, _ work: () throws -> T) rethrows -> T {
        let fd = open(FileSystem.folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try work() }
        defer { close(fd) }
        var attempts = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            attempts += 1
            guard attempts < 200, errno == EWOULDBLOCK || errno == EINTR else { return try work() }
            usleep(5_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try work()
    }
}

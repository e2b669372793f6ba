#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives the pages of a file's bytes that a reader is done with back to the
/// system while it reads on (`madvise(MADV_DONTNEED)`: they read as zeros
/// after), so a file and the columns built from it are not held whole at
/// once. Only whole pages inside the range are given back, a margin short
/// of its ends, so bytes a neighbouring chunk's scanner may still look at
/// are kept.
enum PageRelease {
    /// Kept at each end of a range: a scanner may load a few bytes past its own.
    static let margin = 256
    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
    /// Pages are given back in runs of at least this many bytes.
    static let batch = 1 << 20

    /// Gives back the whole pages of `buffer[from..<to]`; returns where the
    /// next call should start.
    static func release(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        #if os(Linux)
        guard let base = buffer.baseAddress, to - from >= batch else { return from }
        let page = UInt(pageSize)
        let start = UInt(bitPattern: base + from), end = UInt(bitPattern: base + to)
        let alignedStart = (start + page - 1) / page * page, alignedEnd = end / page * page
        guard alignedEnd > alignedStart, let pointer = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return from }
        _ = madvise(pointer, Int(alignedEnd - alignedStart), MADV_DONTNEED)
        return to
        #else
        return from
        #endif
    }
}

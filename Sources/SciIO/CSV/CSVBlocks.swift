#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciEngine
import SciLanguage

/// A CSV file read a block of records at a time, each block a table of the
/// same columns and types, so a pipeline that needs no more than a block at
/// once runs in memory that does not grow with the file.
///
/// Blocks end at a record's end: a line break outside quotes (a `""` inside
/// quotes toggles twice, so counting quotes finds it). Each block is read by
/// `CSVReader` with the file's header before it and every column's type
/// given, so a value that does not fit its column's type is an error, not a
/// different type in one block; positions in errors count from the block,
/// so a caller that meets one reads the whole file instead, for the error
/// the user should see.
/// A class: it owns an open file, closed when the reader goes.
public final class CSVBlocks {
    let path: String
    let descriptor: Int32
    let options: CSVReader.Options
    let blockSize: Int
    var header: [UInt8] = []
    /// Bytes read but not yet given out: the start of a record.
    var pending: [UInt8] = []
    var atEnd = false

    /// `types` gives every column's type; `options.columns` the ones built.
    public init(path: String, types: [String: ValueType], options: CSVReader.Options, blockSize: Int = 32 << 20) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Diagnostic(message: "cannot open \(path): \(FileSystem.errorText(errno))") }
        self.path = path
        descriptor = fd
        var options = options
        options.forcedTypes = types
        self.options = options
        self.blockSize = max(1, blockSize)
        // deinit closes the file if this throws.
        try fill(until: { $0.recordEnd(from: 0) != nil })
        let end = recordEnd(from: 0) ?? pending.count
        header = Array(pending[0..<end])
        pending.removeFirst(end)
    }

    deinit { close(descriptor) }

    /// The next block's rows, or nil after the last.
    public func next() throws -> Table? {
        try fill(until: { $0.lastRecordEnd() != nil })
        guard !pending.isEmpty else { return nil }
        let end = atEnd ? pending.count : (lastRecordEnd() ?? pending.count)
        var block = header
        block.append(contentsOf: pending[0..<end])
        pending.removeFirst(end)
        return try CSVReader(fileName: path, options: options).read(block).0
    }

    /// Reads until there is a block's worth and `ready` holds, or the file ends.
    func fill(until ready: (CSVBlocks) -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while !atEnd, pending.count < blockSize || !ready(self) {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(message: "cannot read \(path): \(FileSystem.errorText(errno))")
            }
            if n == 0 { atEnd = true } else { pending.append(contentsOf: buffer[0..<n]) }
        }
    }

    /// Just past the first record's line break at or after `start`.
    func recordEnd(from start: Int) -> Int? {
        var quoted = false
        var index = start
        while index < pending.count {
            let byte = pending[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n"), !quoted { return index + 1 }
            index += 1
        }
        return nil
    }

    /// Just past the last line break outside quotes in what is pending.
    func lastRecordEnd() -> Int? {
        pending.withUnsafeBufferPointer { bytes -> Int? in
            var quoted = false
            var last: Int?
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n"), !quoted { last = index + 1 }
            }
            return last
        }
    }
}

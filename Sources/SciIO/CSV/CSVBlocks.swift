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
    /// The block being read: kept from one block to the next, so its pages
    /// are faulted in once, not once per block.
    var block: [UInt8] = []
    /// The most digits before and after the point each decimal column has
    /// had in the blocks so far: past 18 together, reading the whole file
    /// would make the column float, so the blocks stop.
    var decimalShapes: [String: DecimalShape] = [:]
    var atEnd = false

    /// `types` gives every column's type; `options.columns` the ones built.
    public init(path: String, types: [String: ValueType], options: CSVReader.Options, blockSize: Int = 32 << 20) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Diagnostic(message: "cannot open \(path): \(FileSystem.errorText(errno))") }
        self.path = path
        descriptor = fd
        var options = options
        options.forcedTypes = types
        options.typesKnown = true
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
        // The header, what was left over, then a block read straight in.
        block.removeAll(keepingCapacity: true)
        block.reserveCapacity(header.count + pending.count + blockSize + (1 << 20))
        block.append(contentsOf: header)
        block.append(contentsOf: pending)
        pending = []
        let bodyStart = header.count
        var end: Int?
        while !atEnd {
            let before = block.count
            let wanted = max(blockSize - (before - bodyStart), min(blockSize, 1 << 20))
            block.append(contentsOf: repeatElement(0, count: wanted))
            let n = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + before }, wanted) }
            if n < 0 {
                block.removeLast(wanted)
                if errno == EINTR { continue }
                throw Diagnostic(message: "cannot read \(path): \(FileSystem.errorText(errno))")
            }
            block.removeLast(wanted - n)
            if n == 0 { atEnd = true }
            if block.count - bodyStart >= blockSize, let found = Self.lastRecordEnd(block, from: bodyStart) {
                end = found
                break
            }
        }
        guard block.count > bodyStart else { return nil }
        if let end, end < block.count {
            pending = Array(block[end...])
            block.removeLast(block.count - end)
        }
        let table = try CSVReader(fileName: path, options: options).read(borrowing: block).0
        for (field, column) in zip(table.fields, table.columns) {
            guard case .decimal(let units, let scale) = column.storage else { continue }
            var largest: Int64 = 0
            for (row, value) in units.enumerated() where !column.isNull(row) { largest = max(largest, value == .min ? .max : abs(value)) }
            var whole = 0
            var integerPart = largest / ExactDecimal.powers[scale]
            while integerPart > 0 { whole += 1; integerPart /= 10 }
            var shape = decimalShapes[field.name, default: DecimalShape()]
            shape.merge(DecimalShape(whole: whole, fraction: scale))
            decimalShapes[field.name] = shape
            if !shape.fitsExactly {
                throw Diagnostic(message: "\(path): column \"\(field.name)\" has more than 18 digits across its blocks")
            }
        }
        return table
    }

    /// Reads until `ready` holds or the file ends (for the header).
    func fill(until ready: (CSVBlocks) -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !atEnd, !ready(self) {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(message: "cannot read \(path): \(FileSystem.errorText(errno))")
            }
            if n == 0 { atEnd = true } else { pending.append(contentsOf: buffer[0..<n]) }
        }
    }

    /// Just past the last line break outside quotes in `bytes[from...]`
    /// (which starts a record): the quotes are counted eight bytes at a
    /// time, then the last line breaks are tried from the end, each with
    /// the quotes after it taken off, until one has an even count before it.
    static func lastRecordEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            // Most files have no quote at all (memchr looks at memory speed):
            // then the last line break is the end.
            if !CSVChunks.hasQuote(buffer, start..<buffer.count) {
                var index = buffer.count - 1
                while index >= start {
                    if buffer[index] == UInt8(ascii: "\n") { return index + 1 }
                    index -= 1
                }
                return nil
            }
            var quotesBefore = CSVChunks.count(UInt8(ascii: "\""), in: buffer, start..<buffer.count)
            var index = buffer.count - 1
            while index >= start {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    quotesBefore -= 1
                } else if byte == UInt8(ascii: "\n"), quotesBefore % 2 == 0 {
                    return index + 1
                }
                index -= 1
            }
            return nil
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
}

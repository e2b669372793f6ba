import SciLanguage

/// Splits CSV bytes into records and fields (RFC 4180): quoted fields may
/// hold the delimiter, doubled quotes and line breaks; CRLF and LF both end
/// a record; a missing final line end is fine. It only finds where fields
/// are; `CSVReader` decides what they mean.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let fileName: String

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, fileName: String) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.fileName = fileName
        self.stopMasks = StopMasks(delimiter: delimiter)
    }

    let stopMasks: StopMasks
    /// In a file of one column an empty line is a row whose one value is
    /// null (that is how such a row is written); elsewhere it is no record.
    var blankLineIsRecord = false

    /// Where a field lies. `needsUnescape` marks a quoted field with doubled
    /// quotes inside, which must be copied to read.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
        var needsUnescape: Bool
    }

    /// Calls `body` with each record's fields and its 1-based line number
    /// (counted from the line `offset` is on being 1). Stops at the first
    /// malformed record with an error naming its place, at `end`, or after
    /// `limit` records; returns where it stopped.
    @discardableResult
    func forEachRecord(startingAt offset: Int, end: Int? = nil, limit: Int = .max, _ body: (_ fields: UnsafeBufferPointer<Field>, _ line: Int) throws -> Void) throws -> Int {
        try scanRecords(startingAt: offset, end: end, limit: limit, body).end
    }

    /// `forEachRecord`, also saying how many lines it went past (line ends
    /// as records end them, and those inside quoted fields), so a chunk's
    /// lines are known without another pass over its bytes.
    func scanRecords(startingAt offset: Int, end: Int? = nil, limit: Int = .max, _ body: (_ fields: UnsafeBufferPointer<Field>, _ line: Int) throws -> Void) throws -> (end: Int, lines: Int) {
        var i = offset
        let n = end ?? bytes.count
        var line = 1
        var records = 0
        // A reused buffer of the current record's fields (no array
        // bookkeeping per field: this loop runs for every field of the file).
        var fields = FieldBuffer()
        defer { fields.release() }
        // Stop bytes of bytes[maskStart..<maskStart + 64] (none made yet).
        var maskStart = Int.min / 2
        var mask: UInt64 = 0
        while i < n {
            fields.count = 0
            let recordLine = line
            var lineStart = i
            while true {
                // One field.
                if i < n, bytes[i] == 34 {
                    let quoteStart = i
                    let quoteLine = line
                    let quoteLineStart = lineStart
                    i += 1
                    let start = i
                    var doubled = false
                    while true {
                        guard i < n else {
                            let (l, c) = position(of: quoteStart, line: quoteLine, lineStart: quoteLineStart)
                            throw Diagnostic(message: "unterminated quoted field", location: SourceLocation(source: fileName, line: l, column: c))
                        }
                        let b = bytes[i]
                        if b == 34 {
                            if i + 1 < n, bytes[i + 1] == 34 { doubled = true; i += 2; continue }
                            break
                        }
                        if b == 10 { line += 1; lineStart = i + 1 }
                        i += 1
                    }
                    fields.append(Field(start: start, end: i, quoted: true, needsUnescape: doubled))
                    i += 1
                    if i < n, bytes[i] != delimiter, bytes[i] != 10, bytes[i] != 13 {
                        let (l, c) = position(of: i, line: line, lineStart: lineStart)
                        throw Diagnostic(message: "unexpected text after a closing quote", location: SourceLocation(source: fileName, line: l, column: c))
                    }
                } else {
                    let start = i
                    // The mask of the 64 bytes around here says where the
                    // field ends; a new one is made once i leaves it.
                    if let base = bytes.baseAddress {
                        while true {
                            if i &- maskStart >= 64 {
                                guard i + 64 <= n else { break }
                                maskStart = i
                                mask = stopMasks.mask(base, at: i)
                            }
                            let ahead = mask &>> UInt64(i - maskStart)
                            if ahead != 0 {
                                i += ahead.trailingZeroBitCount
                                break
                            }
                            i = maskStart + 64
                        }
                    }
                    while i < n {
                        let b = bytes[i]
                        if b == delimiter || b == 10 || b == 13 { break }
                        i += 1
                    }
                    fields.append(Field(start: start, end: i, quoted: false, needsUnescape: false))
                }
                if i < n, bytes[i] == delimiter {
                    i += 1
                    continue
                }
                break
            }
            // End of record: CRLF, LF, a lone CR, or the end of the file.
            if i < n, bytes[i] == 13 { i += 1 }
            if i < n, bytes[i] == 10 { i += 1 }
            line += 1
            // A blank line is no record, unless a record is one field.
            if !blankLineIsRecord, fields.count == 1, fields[0].start == fields[0].end, !fields[0].quoted { continue }
            try body(fields.view, recordLine)
            records += 1
            if records >= limit { return (i, line - 1) }
        }
        return (i, line - 1)
    }

    /// Line and column (in characters) of byte `offset`.
    func position(of offset: Int, line: Int, lineStart: Int) -> (Int, Int) {
        var column = 1
        var k = lineStart
        while k < offset, k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, max(1, column))
    }

    /// The text of a field, with doubled quotes undone.
    func text(_ field: Field) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        if !field.needsUnescape { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: unescaped(field), as: UTF8.self)
    }

    func unescaped(_ field: Field) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var k = field.start
        while k < field.end {
            out.append(bytes[k])
            k += bytes[k] == 34 ? 2 : 1
        }
        return out
    }

    /// Guesses the delimiter from the first record: whichever of comma, tab
    /// and semicolon occurs most often outside quotes (comma on a tie).
    static func sniffDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> UInt8 {
        // In order of preference on a tie (an array: a dictionary's order
        // changes from one instance to the next, and so did the delimiter
        // of a first line with as many tabs as semicolons).
        let candidates: [UInt8] = [44, 9, 59]
        var counts = [0, 0, 0]
        var inQuotes = false
        var i = offset
        while i < bytes.count {
            let b = bytes[i]
            if b == 34 { inQuotes.toggle() } else if !inQuotes {
                if b == 10 { break }
                if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
            }
            i += 1
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}

/// Byte tests on eight bytes at once ("SIMD within a register").
enum SWAR {
    static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    static let newlines = broadcast(10)
    static let returns = broadcast(13)
    static let quotes = broadcast(34)

    /// High bit set in the lowest byte equal to the pattern's (the bytes
    /// above it may be flagged falsely: use only the lowest set bit).
    @inline(__always)
    static func firstMatches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// How many of the eight bytes equal the pattern's, exactly.
    @inline(__always)
    static func count(_ word: UInt64, _ pattern: UInt64) -> Int {
        let x = word ^ pattern
        let t = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x
        return (~t & 0x8080_8080_8080_8080).nonzeroBitCount
    }
}

/// A growable buffer of fields that is cleared without freeing.
struct FieldBuffer {
    private var storage = UnsafeMutableBufferPointer<CSVScanner.Field>.allocate(capacity: 64)
    var count = 0

    subscript(index: Int) -> CSVScanner.Field { storage[index] }

    mutating func append(_ field: CSVScanner.Field) {
        if count == storage.count {
            let larger = UnsafeMutableBufferPointer<CSVScanner.Field>.allocate(capacity: storage.count * 2)
            _ = larger.initialize(from: storage)
            storage.deallocate()
            storage = larger
        }
        storage[count] = field
        count += 1
    }

    var view: UnsafeBufferPointer<CSVScanner.Field> { UnsafeBufferPointer(rebasing: storage[0..<count]) }

    func release() { storage.deallocate() }
}

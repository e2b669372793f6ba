/// A ZIP archive (PKWARE APPNOTE 6.3) of a few files, stored without
/// compression: what an .xlsx workbook needs, written without Foundation so
/// that the binary stays small and starts fast. Excel and LibreOffice read
/// stored entries as they read deflated ones.
struct ZipArchive {
    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    /// 2023-01-01 00:00, in MS-DOS time and date: every entry the same, so
    /// the same table always makes the same file.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = UInt16((2023 - 1980) << 9 | 1 << 5 | 1)

    mutating func add(_ path: String, _ content: [UInt8]) {
        let name = Array(path.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        // Local file header.
        append32(&bytes, 0x0403_4B50)
        append16(&bytes, 20)  // version needed: 2.0
        append16(&bytes, 0x0800)  // UTF-8 names
        append16(&bytes, 0)  // stored
        append16(&bytes, Self.dosTime)
        append16(&bytes, Self.dosDate)
        append32(&bytes, crc)
        append32(&bytes, UInt32(truncatingIfNeeded: content.count))
        append32(&bytes, UInt32(truncatingIfNeeded: content.count))
        append16(&bytes, UInt16(truncatingIfNeeded: name.count))
        append16(&bytes, 0)
        bytes += name
        bytes += content
        // Its central directory record.
        append32(&central, 0x0201_4B50)
        append16(&central, 20)
        append16(&central, 20)
        append16(&central, 0x0800)
        append16(&central, 0)
        append16(&central, Self.dosTime)
        append16(&central, Self.dosDate)
        append32(&central, crc)
        append32(&central, UInt32(truncatingIfNeeded: content.count))
        append32(&central, UInt32(truncatingIfNeeded: content.count))
        append16(&central, UInt16(truncatingIfNeeded: name.count))
        append16(&central, 0)  // extra
        append16(&central, 0)  // comment
        append16(&central, 0)  // disk
        append16(&central, 0)  // internal attributes
        append32(&central, 0)  // external attributes
        append32(&central, offset)
        central += name
        count += 1
    }

    /// The whole archive: the entries, the central directory, its end.
    func finished() throws -> [UInt8] {
        guard bytes.count + central.count < Int(UInt32.max), count < Int(UInt16.max) else {
            throw ZipTooLarge()
        }
        var result = bytes
        let directoryOffset = UInt32(truncatingIfNeeded: result.count)
        result += central
        append32(&result, 0x0605_4B50)
        append16(&result, 0)
        append16(&result, 0)
        append16(&result, UInt16(truncatingIfNeeded: count))
        append16(&result, UInt16(truncatingIfNeeded: count))
        append32(&result, UInt32(truncatingIfNeeded: central.count))
        append32(&result, directoryOffset)
        append16(&result, 0)
        return result
    }

    struct ZipTooLarge: Error {}

    private func append16(_ target: inout [UInt8], _ value: UInt16) {
        target.append(UInt8(value & 0xFF))
        target.append(UInt8(value >> 8))
    }

    private func append32(_ target: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { target.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// CRC-32 (ISO 3309, as ZIP uses), a table at a time.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

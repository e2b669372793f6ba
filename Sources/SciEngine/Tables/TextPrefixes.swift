/// The first eight bytes of every string of a dictionary as one big-endian
/// integer, so that integer order agrees with the strings' byte order
/// wherever the prefixes differ (zero-padded: a shorter string's prefix is
/// never above a longer one it begins). A `sort … | take N` heap compares
/// each row's prefix with the worst kept row's and reads the string itself
/// only when the prefixes are equal: one sequential pass over the strings
/// instead of a cache miss into them per row.
struct TextPrefixes {
    let values: [UInt64]

    init(_ dictionary: StringDictionary) throws {
        var values = [UInt64](repeating: 0, count: dictionary.count)
        for code in 0..<dictionary.count {
            try Cancellation.check(row: code)
            values[code] = dictionary.withBytes(code) { Self.prefix($0) }
        }
        self.values = values
    }

    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for k in 0..<8 {
            word <<= 8
            if k < bytes.count { word |= UInt64(bytes[k]) }
        }
        return word
    }

    /// The prefix of code `code`, or nil for a code outside the dictionary.
    @inline(__always)
    func of(_ code: Int64) -> UInt64? {
        code >= 0 && code < Int64(values.count) ? values[Int(code)] : nil
    }
}

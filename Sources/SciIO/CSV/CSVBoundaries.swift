/// Where a CSV field may end, found for 64 bytes at once: a bit per byte
/// that is the delimiter, a line feed or a carriage return. The scanner
/// keeps one such mask and finds each unquoted field's end with a
/// trailing-zero count, so most fields cost no byte loop at all.
///
/// Built from 16-byte SIMD compares (SSE2 on x86-64, NEON on ARM; Swift's
/// `SIMD16<UInt8>` `.==` lowers to `pcmpeqb`) whose lanes are packed into
/// bits by one multiply per eight lanes: Swift has no movemask, and its
/// lane sums compile to byte-by-byte code.
struct StopMasks {
    let delimiter: SIMD16<UInt8>

    init(delimiter: UInt8) {
        self.delimiter = SIMD16(repeating: delimiter)
    }

    /// Bit k set when byte `at + k` may end a field (at + 64 <= the buffer's end).
    @inline(__always)
    func mask(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        let p = UnsafeRawPointer(base + offset)
        return lanes(p) | lanes(p + 16) << 16 | lanes(p + 32) << 32 | lanes(p + 48) << 48
    }

    @inline(__always)
    func lanes(_ p: UnsafeRawPointer) -> UInt64 {
        let v = p.loadUnaligned(as: SIMD16<UInt8>.self)
        // Literal splats, not statics: a static is a lazy global the loop
        // would check on every call.
        let hits = (v .== delimiter) .| (v .== SIMD16<UInt8>(repeating: 10)) .| (v .== SIMD16<UInt8>(repeating: 13))
        let words = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
        return Self.pack(words[0]) | Self.pack(words[1]) << 8
    }

    /// Eight 0x00/0xFF lanes as eight bits, lane 0 lowest.
    @inline(__always)
    static func pack(_ word: UInt64) -> UInt64 {
        ((word & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
    }
}

/// The part of the regular-expression syntax that `ByteRegex` matches over
/// UTF-8 bytes itself: literals, ASCII classes (`[0-9]`, `[^a-z_]`), `.`,
/// `\d`, groups `( )` and `(?: )`, alternation, `* + ? {m,n}`
/// (greedy or lazy), and the anchors `^` and `$`. Anything else — other
/// escapes, look-arounds, named groups, flags, a repeat of something that can
/// match nothing, marks that join the character before them — is left to
/// Swift's `Regex`: `parse` returns nil.
indirect enum ByteRegexNode: Equatable, Sendable {
    /// One or more scalars, as UTF-8 bytes.
    case literal([UInt8])
    /// One scalar: an ASCII byte in the set, or (negated) any scalar that
    /// is not one of the set's ASCII bytes.
    case set(ASCIISet, negated: Bool)
    /// One scalar other than a line break (Swift's `.` without `(?s)`).
    case any
    /// One scalar Swift calls a digit (`\d`: any with a numeric type, 五 and ½
    /// included), or (negated) one it does not.
    case digit(negated: Bool)
    /// A parenthesised group: capturing ones are numbered from 1.
    case group(Int?, ByteRegexNode)
    case sequence([ByteRegexNode])
    case alternation([ByteRegexNode])
    case repetition(ByteRegexNode, min: Int, max: Int?, greedy: Bool)
    case start
    case end

    /// True when the node can match without consuming a byte.
    var nullable: Bool {
        switch self {
        case .literal(let bytes): return bytes.isEmpty
        case .set, .any, .digit: return false
        case .group(_, let inner): return inner.nullable
        case .sequence(let parts): return parts.allSatisfy(\.nullable)
        case .alternation(let branches): return branches.contains(where: \.nullable)
        case .repetition(let inner, let min, _, _): return min == 0 || inner.nullable
        case .start, .end: return true
        }
    }

    /// The bytes a match can begin with (when it consumes any).
    var firstBytes: ByteSet {
        switch self {
        case .literal(let bytes): return bytes.first.map { ByteSet([$0]) } ?? ByteSet()
        case .set(let set, let negated):
            if !negated { return ByteSet(ascii: set) }
            return ByteSet(ascii: set.complement).union(.nonASCII)
        case .any: return ByteSet(ascii: ASCIISet.lineBreaks.complement).union(.nonASCII)
        case .digit(let negated):
            return negated ? ByteSet(ascii: ASCIISet.digits.complement).union(.nonASCII) : ByteSet(ascii: .digits).union(.nonASCII)
        case .group(_, let inner): return inner.firstBytes
        case .sequence(let parts):
            var result = ByteSet()
            for part in parts {
                result = result.union(part.firstBytes)
                if !part.nullable { break }
            }
            return result
        case .alternation(let branches): return branches.reduce(ByteSet()) { $0.union($1.firstBytes) }
        case .repetition(let inner, _, _, _): return inner.firstBytes
        case .start, .end: return ByteSet()
        }
    }

    /// True when every match must begin at the start of the text.
    var anchoredAtStart: Bool {
        switch self {
        case .start: return true
        case .group(_, let inner): return inner.anchoredAtStart
        case .sequence(let parts): return parts.first?.anchoredAtStart ?? false
        case .alternation(let branches): return !branches.isEmpty && branches.allSatisfy(\.anchoredAtStart)
        default: return false
        }
    }
}

/// A set of ASCII bytes, one bit each.
struct ASCIISet: Equatable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let digits = ASCIISet(range: UInt8(ascii: "0")...UInt8(ascii: "9"))
    /// What `.` does not match among ASCII: \n, \v, \f, \r.
    static let lineBreaks = ASCIISet(range: 0x0A...0x0D)

    init() {}

    init(range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte & 63)) != 0
    }

    var complement: ASCIISet {
        var result = ASCIISet()
        result.low = ~low
        result.high = ~high
        return result
    }
}

/// A set of bytes (0…255), for the bytes a match can start with.
struct ByteSet: Equatable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let nonASCII: ByteSet = {
        var set = ByteSet()
        set.words.2 = ~0
        set.words.3 = ~0
        return set
    }()

    init() {}

    init(_ bytes: [UInt8]) {
        for byte in bytes { insert(byte) }
    }

    init(ascii: ASCIISet) {
        words.0 = ascii.low
        words.1 = ascii.high
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        return result
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    func intersects(ascii: ASCIISet) -> Bool {
        words.0 & ascii.low != 0 || words.1 & ascii.high != 0
    }

    var isFull: Bool { words.0 == ~0 && words.1 == ~0 && words.2 == ~0 && words.3 == ~0 }

    static func == (a: ByteSet, b: ByteSet) -> Bool { a.words == b.words }
}

/// Reads a pattern into a `ByteRegexNode` when every part of it is in the
/// subset `ByteRegex` matches (see `ByteRegexNode`); nil otherwise, and the
/// pattern is left to Swift's `Regex`. It accepts only what Swift's parser
/// reads the same way, so it never has to report an error itself: a pattern
/// Swift rejects is one this parser also declines.
struct ByteRegexParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private(set) var groups = 0

    /// Repeats beyond this are left to Swift (each copy is compiled out).
    static let largestCount = 100

    /// The pattern's tree and its number of capturing groups, or nil.
    static func parse(_ source: String) -> (node: ByteRegexNode, groups: Int)? {
        var parser = ByteRegexParser(scalars: Array(source.unicodeScalars))
        guard let node = parser.alternation(), parser.index == parser.scalars.count else { return nil }
        return (node, parser.groups)
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func alternation() -> ByteRegexNode? {
        var branches: [ByteRegexNode] = []
        while true {
            guard let branch = sequence() else { return nil }
            branches.append(branch)
            guard next == "|" else { break }
            index += 1
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> ByteRegexNode? {
        var parts: [ByteRegexNode] = []
        while let scalar = next, scalar != "|", scalar != ")" {
            guard let atom = atom() else { return nil }
            guard let repeated = quantified(atom) else { return nil }
            // Neighbouring literals are one (matched with one comparison).
            if case .literal(let more) = repeated, case .literal(let bytes)? = parts.last {
                parts[parts.count - 1] = .literal(bytes + more)
            } else {
                parts.append(repeated)
            }
        }
        return parts.count == 1 ? parts[0] : .sequence(parts)
    }

    private mutating func atom() -> ByteRegexNode? {
        guard let scalar = next else { return nil }
        index += 1
        switch scalar {
        case "(":
            var number: Int?
            if next == "?" {
                guard index + 1 < scalars.count, scalars[index + 1] == ":" else { return nil }
                index += 2
            } else {
                groups += 1
                number = groups
            }
            guard let inner = alternation(), next == ")" else { return nil }
            index += 1
            return .group(number, inner)
        case "[": return characterClass()
        case ".": return .any
        case "^": return .start
        case "$": return .end
        case "\\":
            guard let escaped = next else { return nil }
            index += 1
            // Not \D: Swift takes CR-LF as one non-digit in some places
            // and as two in others (in a lazy or counted repeat).
            if escaped == "d" { return .digit(negated: false) }
            guard Self.escapable.contains(escaped) else { return nil }
            return .literal([UInt8(escaped.value)])
        default:
            guard Self.plainLiteral(scalar) else { return nil }
            return .literal(Array(String(scalar).utf8))
        }
    }

    /// The quantifiers after an atom (`a+`, `[0-9]{2,4}?`).
    private mutating func quantified(_ atom: ByteRegexNode) -> ByteRegexNode? {
        guard let scalar = next, scalar == "*" || scalar == "+" || scalar == "?" || scalar == "{" else { return atom }
        // Swift's parser joins a mark to the scalar before it, so a
        // quantifier after anything but ASCII is left to it; so are
        // repeats of what may match nothing and of anchors.
        switch atom {
        case .literal(let bytes): guard bytes.count == 1, bytes[0] < 0x80 else { return nil }
        case .start, .end: return nil
        default: break
        }
        guard !atom.nullable else { return nil }
        var min = 0, max: Int? = nil
        switch scalar {
        case "*": index += 1
        case "+": min = 1; index += 1
        case "?": max = 1; index += 1
        default:
            guard let bounds = counted() else { return nil }
            (min, max) = bounds
        }
        var greedy = true
        if next == "?" { greedy = false; index += 1 }
        // A possessive `+` or a second quantifier: Swift's to read.
        if let after = next, after == "+" || after == "*" || after == "?" || after == "{" { return nil }
        return .repetition(atom, min: min, max: max, greedy: greedy)
    }

    /// `{n}`, `{n,}`, `{n,m}` or `{,m}` (Swift reads the last as `{0,m}`).
    private mutating func counted() -> (Int, Int?)? {
        index += 1
        let low = number()
        var high: Int?
        if next == "," {
            index += 1
            high = number()
            guard low != nil || high != nil else { return nil }
        } else {
            guard let low else { return nil }
            high = low
        }
        guard next == "}" else { return nil }
        index += 1
        let min = low ?? 0
        if let high, high < min { return nil }
        guard min <= Self.largestCount, (high ?? 0) <= Self.largestCount else { return nil }
        return (min, high)
    }

    private mutating func number() -> Int? {
        var value: Int?
        while let scalar = next, ("0"..."9").contains(scalar) {
            let grown = (value ?? 0) * 10 + Int(scalar.value - 48)
            guard grown <= 10_000 else { return nil }
            value = grown
            index += 1
        }
        return value
    }

    /// `[...]` of ASCII letters, digits, ranges between them, escaped
    /// metacharacters and plain punctuation; `[^...]` its complement.
    private mutating func characterClass() -> ByteRegexNode? {
        var negated = false
        if next == "^" { negated = true; index += 1 }
        var set = ASCIISet()
        var members = 0
        while let scalar = next, scalar != "]" {
            index += 1
            var byte: UInt8
            if scalar == "\\" {
                guard let escaped = next, Self.escapable.contains(escaped) else { return nil }
                index += 1
                byte = UInt8(escaped.value)
            } else if Self.alphanumeric(scalar) {
                byte = UInt8(scalar.value)
                if next == "-" {
                    guard index + 1 < scalars.count, Self.alphanumeric(scalars[index + 1]) else { return nil }
                    let upper = UInt8(scalars[index + 1].value)
                    guard byte <= upper, Self.sameKind(byte, upper) else { return nil }
                    index += 2
                    for b in byte...upper { set.insert(b) }
                    members += 1
                    continue
                }
            } else if Self.classPunctuation.contains(scalar) {
                byte = UInt8(scalar.value)
            } else {
                return nil
            }
            set.insert(byte)
            members += 1
        }
        guard next == "]", members > 0 else { return nil }
        index += 1
        return .set(set, negated: negated)
    }

    private static func alphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Ranges within digits, lower or upper case letters only.
    private static func sameKind(_ a: UInt8, _ b: UInt8) -> Bool {
        func kind(_ x: UInt8) -> Int { x <= 57 ? 0 : x <= 90 ? 1 : 2 }
        return kind(a) == kind(b)
    }

    /// Characters that a backslash makes literal.
    static let escapable: Set<Unicode.Scalar> = ["\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "^", "$", "-", "/"]

    /// Punctuation that stands for itself inside a class.
    static let classPunctuation: Set<Unicode.Scalar> = [" ", "_", ".", ",", ":", ";", "/", "#", "!", "@", "%", "=", "+", "*", "?", "(", ")", "{", "}", "|", "$", "'", "\"", "<", ">"]

    /// A scalar that stands for itself outside a class: ASCII letters,
    /// digits, space and quiet punctuation; beyond ASCII, letters, numbers,
    /// punctuation and symbols that never join the scalar before them.
    static func plainLiteral(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return alphanumeric(scalar) || " _,:;/#!@%='\"<>-&~`".unicodeScalars.contains(scalar)
        }
        let v = scalar.value
        // Hangul jamo join into syllables; regional indicators pair up.
        if (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v) || (0xD7B0...0xD7FF).contains(v) || (0x1F1E6...0x1F1FF).contains(v) { return false }
        if scalar.properties.isGraphemeExtend || scalar.properties.isEmojiModifier || scalar.properties.isVariationSelector { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .otherSymbol, .spaceSeparator:
            return true
        default:
            return false
        }
    }
}

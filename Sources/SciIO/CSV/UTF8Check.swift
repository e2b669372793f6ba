import Dispatch

/// Finds invalid UTF-8 quickly (ASCII eight bytes at a time) and says where.
enum UTF8Check {
    /// The offset of the first byte that starts an invalid sequence, or nil.
    /// Large inputs are checked a part per core, each part starting at a
    /// byte that begins a character.
    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            guard b.count >= CSVChunks.minimumParallelBytes, CSVChunks.cores > 1 else { return firstInvalid(b, 0..<b.count) }
            let parts = CSVChunks.cores
            var bounds = [0]
            for k in 1..<parts {
                var cut = b.count / parts * k
                while cut < b.count, b[cut] & 0xC0 == 0x80 { cut += 1 }
                bounds.append(max(cut, bounds[bounds.count - 1]))
            }
            bounds.append(b.count)
            let found = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
            found.initialize(repeating: Int.max)
            defer { found.deallocate() }
            let box = UncheckedBox((b, found))
            let cuts = bounds
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let (buffer, results) = box.value
                results[k] = firstInvalid(buffer, cuts[k]..<cuts[k + 1]) ?? Int.max
            }
            let first = found.min() ?? Int.max
            return first == Int.max ? nil : first
        }
    }

    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        do {
            var i = range.lowerBound
            let n = range.upperBound
            while i < n {
                if i + 8 <= n {
                    let raw = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if raw & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let lead = b[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return i
                }
                if i + length > n { return i }
                for k in 1..<length where b[i + k] & 0xC0 != 0x80 { return i }
                let second = b[i + 1]
                if lead == 0xE0 && second < 0xA0 { return i }
                if lead == 0xED && second > 0x9F { return i }
                if lead == 0xF0 && second < 0x90 { return i }
                if lead == 0xF4 && second > 0x8F { return i }
                i += length
            }
            return nil
        }
    }

    static func lineAndColumn(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
        bytes.withUnsafeBufferPointer { lineAndColumn($0, offset) }
    }

    static func lineAndColumn(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for k in 0..<min(offset, bytes.count) {
            if bytes[k] == 10 { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// The bytes with each invalid sequence replaced by U+FFFD, and how many.
    static func repaired(_ bytes: [UInt8]) -> ([UInt8], Int) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var replaced = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): output.append(contentsOf: Array(String(scalar).utf8))
            case .emptyInput: break loop
            case .error:
                replaced += 1
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return (output, replaced)
    }
}

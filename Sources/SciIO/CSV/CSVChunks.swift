import Dispatch
import SciLanguage

#if canImport(Glibc)
import Glibc
#endif

/// Splits a CSV file's records into one chunk per core and runs work on the
/// chunks at once. A chunk starts just after a line end that is outside
/// quotes (an even number of quote characters before it), so a quoted
/// field with line breaks is never cut.
enum CSVChunks {
    /// Below this size one chunk is faster than starting threads.
    static let minimumParallelBytes = 4 << 20

    /// Read once (sysconf opens a file under /sys on every call).
    static let cores = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    static func split(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        let parts = range.count < minimumParallelBytes ? 1 : cores
        guard parts > 1 else { return [range] }
        // Without a quote in the file every line break ends a record, and
        // the quotes before each cut need not be counted.
        let quoted = hasQuote(buffer, range)
        var bounds = [range.lowerBound]
        var quotes = 0
        var counted = range.lowerBound
        for k in 1..<parts {
            var cut = max(bounds[bounds.count - 1], range.lowerBound + range.count / parts * k)
            while true {
                while cut < range.upperBound, buffer[cut] != 10 { cut += 1 }
                if cut >= range.upperBound { break }
                cut += 1
                if !quoted { break }
                quotes += count(34, in: buffer, counted..<cut)
                counted = cut
                if quotes % 2 == 0 { break }
            }
            if cut >= range.upperBound { break }
            bounds.append(cut)
        }
        bounds.append(range.upperBound)
        return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// Whether a double quote is anywhere in `range` (memchr: the C
    /// library's vector search).
    static func hasQuote(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = buffer.baseAddress, !range.isEmpty else { return false }
        return memchr(base + range.lowerBound, 34, range.count) != nil
    }

    static func count(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var total = 0
        var i = range.lowerBound
        if let base = buffer.baseAddress {
            let pattern = SWAR.broadcast(byte)
            while i + 8 <= range.upperBound {
                total += SWAR.count(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), pattern)
                i += 8
            }
        }
        while i < range.upperBound {
            if buffer[i] == byte { total += 1 }
            i += 1
        }
        return total
    }

    static func newlines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        count(10, in: buffer, range)
    }

    /// Runs `work` on every chunk in parallel and returns the results in
    /// order. An error in a chunk is reported with the file's own line
    /// numbers; the first chunk's error wins.
    static func map<T>(_ chunks: [Range<Int>], buffer: UnsafeBufferPointer<UInt8>, headerLines: Int,
                       _ work: (Range<Int>) throws -> T) throws -> [T] {
        if chunks.count == 1 {
            do {
                return [try work(chunks[0])]
            } catch var diagnostic as Diagnostic {
                diagnostic.location?.line += headerLines
                throw diagnostic
            }
        }
        let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: chunks.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(work) { work in
            let box = UncheckedBox((results, work))
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                let (slots, body) = box.value
                slots[index] = Result { try body(chunks[index]) }
            }
        }
        var values: [T] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let value)?: values.append(value)
            case .failure(var diagnostic as Diagnostic)?:
                diagnostic.location?.line += newlines(buffer, 0..<chunks[index].lowerBound)
                throw diagnostic
            case .failure(let error)?: throw error
            case nil: break
            }
        }
        return values
    }
}

/// Hands values that are only read, or written at distinct indices, to
/// the worker threads.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

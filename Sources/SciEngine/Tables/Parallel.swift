import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Work on ranges of rows, one range per core, as the CSV reader does with
/// its chunks (`DispatchQueue.concurrentPerform`). Workers cannot see the
/// statement's task-local Ctrl-C check, so it is captured here and handed
/// to them (`Parallel.Check`).
enum Parallel {
    /// Read once: glibc's sysconf opens /sys/devices/system/cpu/online on
    /// every call, which a profile of many small tables showed.
    static let cores = max(1, min(16, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// `0..<count` in up to one range per core, none shorter than
    /// `minimum` (below that a thread costs more than it saves).
    static func ranges(_ count: Int, minimum: Int = 1 << 16) -> [Range<Int>] {
        let parts = max(1, min(cores, count / max(1, minimum)))
        guard parts > 1 else { return count > 0 ? [0..<count] : [] }
        return (0..<parts).map { k in count * k / parts..<count * (k + 1) / parts }
    }

    /// The statement's Ctrl-C check, usable on any thread.
    struct Check: @unchecked Sendable {
        let current: (@Sendable () -> Bool)?
        @inline(__always)
        func callAsFunction(row: Int) throws {
            if row & (Cancellation.stride - 1) == 0, let current, current() { throw Interrupted() }
        }
    }

    /// Runs `body(part, range)` for every range at once and waits; the
    /// first part's error (in order) is thrown. One range runs here.
    static func forEach(_ parts: [Range<Int>], _ body: (Int, Range<Int>, Check) throws -> Void) throws {
        let check = Check(current: Cancellation.current)
        if parts.count <= 1 {
            for (index, range) in parts.enumerated() { try body(index, range, check) }
            return
        }
        var errors = [(any Error)?](repeating: nil, count: parts.count)
        try errors.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                // Fields, not a destructured tuple: Swift 6.3's optimizer
                // crashes on the tuple (an ownership check in CopyPropagation).
                let box = Box(Job(slots: slots, body: body, parts: parts, check: check))
                DispatchQueue.concurrentPerform(iterations: parts.count) { index in
                    let job = box.value
                    do { try job.body(index, job.parts[index], job.check) } catch { job.slots[index] = error }
                }
            }
            for error in slots { if let error { throw error } }
        }
    }

    /// `(0..<count).map(value)` on every core, each looking at Ctrl-C every
    /// `Cancellation.stride` rows. For plain numbers and flags only: a
    /// result cut short by Ctrl-C is dropped without its values released.
    static func map<T>(_ count: Int, _ value: (Int) -> T) throws -> [T] {
        try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let output = Box(base)
            try forEach(ranges(count)) { _, range, check in
                for row in range {
                    try check(row: row)
                    (output.value + row).initialize(to: value(row))
                }
            }
            initialized = count
        }
    }

    struct Job {
        let slots: UnsafeMutableBufferPointer<(any Error)?>
        let body: (Int, Range<Int>, Check) throws -> Void
        let parts: [Range<Int>]
        let check: Check
    }

    /// Values read by the workers, or written by them at distinct indices.
    struct Box<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// `values[indices[k]]` for every k (`filler` where the index is -1),
    /// the output filled by every core at once.
    static func pick<T>(_ values: [T], _ indices: [Int], _ filler: T) -> [T] {
        let parts = ranges(indices.count)
        if parts.count <= 1 {
            return values.withUnsafeBufferPointer { source in indices.map { $0 < 0 ? filler : source[$0] } }
        }
        return [T](unsafeUninitializedCapacity: indices.count) { output, initialized in
            values.withUnsafeBufferPointer { source in
                indices.withUnsafeBufferPointer { indices in
                    let box = Box((source, indices, output, filler))
                    DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                        let (source, indices, output, filler) = box.value
                        guard let base = output.baseAddress else { return }
                        for k in parts[part] {
                            let index = indices[k]
                            (base + k).initialize(to: index < 0 ? filler : source[index])
                        }
                    }
                }
            }
            initialized = indices.count
        }
    }
}

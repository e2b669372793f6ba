#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One line of progress on standard error for work that takes more than a
/// second: bytes, percent, rate and time left, redrawn in place a few
/// times a second and cleared when the work is done. Workers on any thread
/// advance it; whichever advances it when a redraw is due draws.
public final class ProgressMeter: Sendable {
    let label: String
    /// The bytes the work stands for (shown), and the units it is counted in.
    let bytes: Int
    let units: Int
    let draw: @Sendable (String) -> Void
    let start: UInt64
    private let done = Atomic<Int>(0)
    /// For work whose size in bytes is not known ahead (an export): the
    /// bytes written so far.
    private let written = Atomic<Int>(0)
    private let nextDraw: Atomic<UInt64>
    private let drawn = Atomic<Bool>(false)

    static let delay: UInt64 = 1_000_000_000
    static let interval: UInt64 = 200_000_000

    /// `draw` writes a string to the terminal as it is.
    public init(label: String, bytes: Int, units: Int, draw: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.bytes = max(0, bytes)
        self.units = max(1, units)
        self.draw = draw
        start = Self.now()
        nextDraw = Atomic(start + Self.delay)
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public func advance(_ count: Int) {
        let total = done.add(count, ordering: .relaxed).newValue
        let now = Self.now()
        let due = nextDraw.load(ordering: .relaxed)
        guard now >= due, nextDraw.compareExchange(expected: due, desired: now + Self.interval, ordering: .relaxed).exchanged else { return }
        drawn.store(true, ordering: .relaxed)
        draw("\r\u{1B}[K" + line(done: min(total, units), elapsed: now - start))
    }

    /// Counts bytes written (shown instead of a share of `bytes` when that is 0).
    public func wrote(_ count: Int) {
        written.add(count, ordering: .relaxed)
    }

    /// Clears the line, if it was ever drawn.
    public func finish() {
        nextDraw.store(.max, ordering: .relaxed)
        if drawn.load(ordering: .relaxed) { draw("\r\u{1B}[K") }
    }

    func line(done: Int, elapsed: UInt64) -> String {
        let fraction = Double(done) / Double(units)
        let seconds = max(Double(elapsed) / 1e9, 0.001)
        let doneBytes = bytes > 0 ? Double(bytes) * fraction : Double(written.load(ordering: .relaxed))
        let rate = doneBytes / seconds
        let amount = bytes > 0 ? "\(Self.size(doneBytes)) of \(Self.size(Double(bytes)))" : Self.size(doneBytes)
        var text = "\(label)  \(amount)  \(Int(fraction * 100))%  \(Self.size(rate))/s"
        if fraction > 0.01 {
            let left = seconds * (1 - fraction) / fraction
            text += "  \(Self.duration(left)) left"
        }
        return text
    }

    static func size(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = bytes
        var index = 0
        while value >= 1000, index < units.count - 1 {
            value /= 1000
            index += 1
        }
        if index == 0 { return "\(Int(value)) B" }
        return "\(Double(Int(value * 10)) / 10) \(units[index])"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        return "\(whole / 60) min \(whole % 60) s"
    }
}

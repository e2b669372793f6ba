import Dispatch

/// Frees a large structure of many small allocations (millions of rows
/// of parsed JSON, a list per group) on another thread. Freeing them takes
/// a good part of a second, and when Ctrl-C ends the work that built them
/// that time would stand between the user and the prompt. Nothing is
/// computed there, only memory given back, so the statement's result (or
/// its `interrupted`) is the same.
public enum BackgroundRelease {
    /// Call as `defer { BackgroundRelease.release(big, count: big.count) }`:
    /// the copy taken here holds the last reference once the caller's goes.
    /// Under `threshold` parts it is freed right away, as usual (so small
    /// inputs, the fuzzers' among them, free all they made before returning).
    public static func release<T: Sendable>(_ value: T, count: Int) {
        guard count >= threshold else { return }
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }

    public static let threshold = 65_536
}

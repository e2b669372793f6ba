/// How Ctrl-C reaches the long loops of the engine without every function
/// taking a parameter for it: the session binds the check for the statement
/// it runs (a task-local value, so nothing global is mutated), and each loop
/// over rows calls `check(row:)`, which asks only once every `stride` rows.
/// Work handed to other threads captures `current` and calls it there (it
/// must not bind it again: pushing a task-local on a Dispatch worker thread
/// crashes the concurrency runtime, found by fuzzing `describe`).
public enum Cancellation {
    @TaskLocal public static var current: (@Sendable () -> Bool)? = nil

    /// Rows between two looks at the flag: small enough that a debug build
    /// still answers within a few milliseconds, large enough to cost nothing.
    public static let stride = 16_384

    /// Throws `Interrupted` when Ctrl-C was pressed.
    @inline(__always)
    public static func check() throws {
        if let current, current() { throw Interrupted() }
    }

    /// `check()` once every `stride` rows.
    @inline(__always)
    public static func check(row: Int) throws {
        if row & (stride - 1) == 0 { try check() }
    }

    /// Runs `body` with `isCancelled` as the check.
    public static func run<T>(_ isCancelled: (@Sendable () -> Bool)?, _ body: () throws -> T) rethrows -> T {
        try $current.withValue(isCancelled, operation: body)
    }
}

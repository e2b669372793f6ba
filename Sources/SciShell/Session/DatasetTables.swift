import SciDataset
import SciEngine
import Synchronization

/// The built-in dataset's tables, each read from the binary the first time
/// a statement uses it: start-up reads none. Shared by a session and the
/// copies it hands to completion; what it holds never changes once read.
final class DatasetTables: Sendable {
    private let cache = Mutex<[String: Table]>([:])

    func table(named name: String) -> Table? {
        if let table = cache.withLock({ $0[name] }) { return table }
        // The embedded tables are checked by the dataset's tests.
        guard let table = try? Dataset.table(named: name) else { return nil }
        cache.withLock { $0[name] = table }
        return table
    }
}

import SciEngine
import SciIO
import SciLanguage
import SciPlan

/// The built-in engine plans a file's types from its first rows and plans
/// again when a later row changes one (a text value deep in a column of
/// numbers). An engine reading the file with the first rows' types stops
/// at that row instead; after such a failure the files are read whole, as
/// the built-in engine would read them, and when a type did change the
/// pipeline is planned again with the whole files' types and rerun. Only a
/// failed run pays for the read.
enum TypeChangeRetry {
    /// Reads each file the plan loads whole into the catalog's cache; true
    /// when one of them has a column of another type than the plan read.
    static func readWhole(_ plan: Plan, _ catalog: SessionCatalog) throws -> Bool {
        var changed = false
        for (path, range) in ExternalEngine.filesLoaded(by: plan) where catalog.cache.tables[path] == nil {
            let planned = try catalog.schema(ofFile: path, at: range)
            let whole = try catalog.load(path: path, columns: nil, at: range)
            let differs = planned.columns.contains { column in
                guard let found = whole.column(named: column.name) else { return true }
                return found.type != column.type && found.type != .null
            }
            if differs {
                catalog.cache.tables[path] = whole
                changed = true
            }
        }
        return changed
    }
}

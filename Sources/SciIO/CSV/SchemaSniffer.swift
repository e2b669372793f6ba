import SciEngine
import SciLanguage

/// A file's columns and their likely types, from its header and first
/// rows: what the planner needs before a pipeline runs, in the time of a
/// start-up whatever the file's size. The whole file may still hold a
/// value that changes a type; the runner then plans again.
public enum SchemaSniffer {
    /// How much of a file is looked at.
    public static let prefixBytes = 1 << 20

    /// The first rows of a CSV or TSV file as a table (its types as far as
    /// they tell), or nil when the file is not one that can be cut short.
    public static func prefix(path: String, options: CSVReader.Options) throws -> Table? {
        var bytes = try FileSystem.read(path, limit: prefixBytes + 1)
        let complete = bytes.count <= prefixBytes
        if !complete {
            // Cut after the last line end outside quotes, so that no record
            // (a quoted field may hold line breaks) is cut in two.
            var quotes = 0
            var lastCut = -1
            for index in 0..<prefixBytes {
                let byte = bytes[index]
                if byte == 34 { quotes += 1 } else if byte == 10, quotes % 2 == 0 { lastCut = index + 1 }
            }
            guard lastCut > 0 else { return nil }
            bytes.removeSubrange(lastCut...)
        }
        var sniffOptions = options
        sniffOptions.columns = nil
        // Invalid UTF-8 in the first rows is reported when the file is read.
        sniffOptions.lenient = true
        return try CSVReader(fileName: path, options: sniffOptions).read(bytes).0
    }
}

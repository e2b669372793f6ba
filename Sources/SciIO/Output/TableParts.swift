import SciEngine
import SciLanguage

/// One file written from a table that arrives in parts (the blocks of a
/// streamed file), byte for byte what writing the whole table gives: the
/// byte-order mark and header once, JSON's brackets around all the parts
/// and commas between them. Only formats whose rows are written each alone
/// can be: CSV, TSV, JSON and JSON Lines (a drawn table, Markdown and xlsx
/// need every row first).
public struct TableParts {
    public static func supports(_ format: OutputFormat) -> Bool {
        switch format {
        case .csv, .tsv, .json, .jsonl: return true
        case .table, .markdown, .xlsx: return false
        }
    }

    let options: OutputOptions
    var buffer: OutputBuffer
    var started = false
    public private(set) var rowCount = 0

    public init(options: OutputOptions, sink: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.options = options
        self.buffer = OutputBuffer(sink: sink)
    }

    public mutating func write(_ part: Table) throws {
        switch options.format {
        case .csv, .tsv:
            try DelimitedWriter(delimiter: options.format == .csv ? 44 : 9, options: options, continuing: started).write(part, into: &buffer)
        case .jsonl:
            try JSONWriter(lines: true, progress: options.progress).write(part, into: &buffer)
        case .json:
            if part.rowCount > 0 {
                try buffer.append(rowCount == 0 ? "[\n" : ",\n")
                try JSONWriter(lines: false, progress: options.progress).objects(part, separator: ",\n", into: &buffer)
            }
        case .table, .markdown, .xlsx:
            throw Diagnostic(message: "\(options.format.rawValue) cannot be written a part at a time")
        }
        started = true
        rowCount += part.rowCount
    }

    /// Ends the file; `empty` (the columns, no rows) gives a header when no
    /// part came.
    public mutating func finish(empty: Table) throws {
        if !started { try write(empty) }
        if options.format == .json { try buffer.append(rowCount == 0 ? "[]\n" : "\n]\n") }
        try buffer.flush()
    }
}

import SciEngine

/// How results are written: chosen with `--mode`, `.mode`, or a file's extension.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, jsonl, markdown, xlsx

    /// Formats that are bytes for a program, not text for a terminal.
    public var isBinary: Bool { self == .xlsx }

    /// The format a file name implies (see `FileFormats`).
    public static func forPath(_ path: String) -> OutputFormat? {
        FileFormats.forPath(path)?.output
    }
}

/// Everything that shapes written output besides the rows.
public struct OutputOptions: Sendable {
    public var format: OutputFormat
    public var headers: Bool
    /// The spreadsheet flavour of CSV/TSV: BOM, CRLF, formula-safe text.
    public var excel: Bool
    /// Table mode: the width to fit (nil: no limit), colour, most rows shown.
    public var width: Int?
    public var color: Bool
    public var maxRows: Int?
    /// Advanced by the rows written (csv, tsv, json, jsonl), for a progress
    /// line on long exports.
    public var progress: ProgressMeter?

    public init(format: OutputFormat = .table, headers: Bool = true, excel: Bool = false, width: Int? = nil, color: Bool = false, maxRows: Int? = nil) {
        self.format = format
        self.headers = headers
        self.excel = excel
        self.width = width
        self.color = color
        self.maxRows = maxRows
    }
}

/// Writes a table in the chosen format to `sink`, in chunks, so a million
/// rows never sit in memory twice and a closed pipe stops the writing.
public enum TableWriter {
    public static func write(_ table: Table, options: OutputOptions, to sink: @escaping (ArraySlice<UInt8>) throws -> Void) throws {
        var buffer = OutputBuffer(sink: sink)
        switch options.format {
        case .table: try TableRenderer(options: options).render(table, into: &buffer)
        case .csv: try DelimitedWriter(delimiter: 44, options: options).write(table, into: &buffer)
        case .tsv: try DelimitedWriter(delimiter: 9, options: options).write(table, into: &buffer)
        case .json: try JSONWriter(lines: false, progress: options.progress).write(table, into: &buffer)
        case .jsonl: try JSONWriter(lines: true, progress: options.progress).write(table, into: &buffer)
        case .markdown: try MarkdownWriter(options: options).write(table, into: &buffer)
        case .xlsx:
            let workbook = try XLSXWriter.workbook(table, headers: options.headers)
            try sink(workbook[...])
        }
        try buffer.flush()
    }

    /// The whole output as one string (tests, documentation, small results).
    public static func string(_ table: Table, options: OutputOptions) -> String {
        var bytes: [UInt8] = []
        try? write(table, options: options) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Collects bytes and hands them to the sink 64 KiB at a time.
public struct OutputBuffer {
    var bytes: [UInt8] = []
    let sink: (ArraySlice<UInt8>) throws -> Void

    init(sink: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.sink = sink
        bytes.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 1 << 16 { try flush() }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `count` copies of a short piece of text (padding, rules).
    mutating func append(repeating piece: StaticString, count: Int) {
        guard count > 0 else { return }
        piece.withUTF8Buffer { unit in
            for _ in 0..<count { bytes.append(contentsOf: unit) }
        }
    }

    /// Appends text without checking whether to flush (within a line).
    mutating func appendInLine(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Flushes when enough has gathered; call at the end of a line.
    mutating func endLine() throws {
        bytes.append(10)
        if bytes.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        if bytes.isEmpty { return }
        try sink(bytes[...])
        bytes.removeAll(keepingCapacity: true)
    }
}

extension Value {
    /// The text written to files: exactly what a table shows. Decimals are
    /// exact, every digit; a float is the shortest text that reads back as
    /// the same double; so one value reads the same in a table, CSV, JSON,
    /// Markdown and a spreadsheet, and an export loses nothing.
    public var exportText: String {
        description
    }
}

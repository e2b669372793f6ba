import SciEngine
import SciLanguage

/// Reads a CSV or TSV file into a typed table. Two passes over the bytes:
/// the first checks the shape and infers each column's type, the second
/// fills typed columns directly, so no field is ever held as a String
/// unless it is text.
public struct CSVReader {
    public struct Options: Sendable {
        /// nil: sniff comma, tab or semicolon from the first line.
        public var delimiter: UInt8?
        /// Columns whose type is forced (`--type id=string`).
        public var forcedTypes: [String: ValueType]
        /// Read every column as text.
        public var inferTypes: Bool
        /// Replace invalid UTF-8 with U+FFFD and report it, instead of failing.
        public var lenient: Bool
        /// Polled while reading (from every worker): true stops the read
        /// with an "interrupted" error, so Ctrl-C works on a large file.
        public var isCancelled: (@Sendable () -> Bool)?
        /// Advanced by the bytes each pass gets through (two passes: twice
        /// the file), for a progress line on long loads.
        public var progress: ProgressMeter?
        /// Only these columns are built (the rest are skipped); nil for all.
        /// A name the file lacks means all, so errors can suggest names.
        public var columns: Set<String>?
        /// A text column's chunk keeps a dictionary while its strings repeat:
        /// after this many strings, if more than half were new, the chunk
        /// keeps the rest as a plain list instead (see `StringDictionary`):
        /// a hash table of many distinct strings costs more to fill than
        /// interning them later, in parallel, where codes are needed. nil:
        /// always a dictionary.
        public var plainTextSample: Int? = 16_384
        /// `forcedTypes` are the types planned from the file's first rows
        /// (a block of a streamed file): read in one pass, each field held to
        /// the type inference would give it, and an error for a block that
        /// does not fit, so that the caller reads the whole file instead.
        public var typesKnown = false
        /// Field texts that mean null besides the empty field (`--null N/A`).
        public var nullTexts: [String] = []
        /// Columns converted by the rules of number(), date() and
        /// timestamp() (`--type price=number`, `--type day=date:%d/%m/%Y`).
        public var conversions: [String: FieldConversion] = [:]

        public init(delimiter: UInt8? = nil, forcedTypes: [String: ValueType] = [:], inferTypes: Bool = true, lenient: Bool = false, columns: Set<String>? = nil) {
            self.columns = columns
            self.delimiter = delimiter
            self.forcedTypes = forcedTypes
            self.inferTypes = inferTypes
            self.lenient = lenient
        }
    }

    /// What reading found worth telling the user (lenient mode).
    public struct Report: Sendable {
        public var replacedInvalidSequences = 0
        public var firstInvalidLine: Int?
        /// The bytes were read in one pass (`Options.typesKnown`).
        public var readInOnePass = false

        public init() {}
    }

    public let fileName: String
    public let options: Options

    public init(fileName: String, options: Options = Options()) {
        self.fileName = fileName
        self.options = options
    }

    /// Reads a whole file's bytes. The bytes are consumed: they are let go
    /// before the chunks' columns are joined, which keeps the peak lower.
    public func read(_ data: consuming [UInt8]) throws -> (Table, Report) {
        var report = Report()
        var bytes = data
        // With a projection, only the bytes that are read as text need to be
        // valid UTF-8 (numbers, dates and bools are ASCII by their form):
        // they are checked field by field, sparing a pass over the file.
        let checkFields = !options.lenient && options.columns != nil
        if !checkFields, let invalid = UTF8Check.firstInvalid(bytes) {
            guard options.lenient else { throw invalidUTF8Whole(bytes, at: invalid) }
            report.firstInvalidLine = UTF8Check.lineAndColumn(bytes, invalid).0
            (bytes, report.replacedInvalidSequences) = UTF8Check.repaired(bytes)
        }
        // Held alone (the caller gave the bytes up), so the pages the second
        // pass is done with can be given back as it goes.
        var parsed = try bytes.withUnsafeMutableBufferPointer { try read(buffer: UnsafeBufferPointer($0), checkFields: checkFields, releasable: true) }
        bytes = []
        report.readInOnePass = parsed.onePass
        return (Table(fields: parsed.fields, columns: Self.joinedColumns(&parsed), rowCount: parsed.rowCount), report)
    }

    /// Reads bytes the caller keeps (a streamed file's block buffer, filled
    /// again for the next block, so its pages are faulted in once): no page
    /// is given back.
    public func read(borrowing data: [UInt8]) throws -> (Table, Report) {
        var report = Report()
        let checkFields = !options.lenient && options.columns != nil
        if !checkFields, let invalid = UTF8Check.firstInvalid(data) {
            // Repairing needs a copy of its own: the consuming read makes it.
            guard options.lenient else { throw invalidUTF8Whole(data, at: invalid) }
            return try read(data)
        }
        var parsed = try data.withUnsafeBufferPointer { try read(buffer: $0, checkFields: checkFields, releasable: false) }
        report.readInOnePass = parsed.onePass
        return (Table(fields: parsed.fields, columns: Self.joinedColumns(&parsed), rowCount: parsed.rowCount), report)
    }

    /// Each column's chunks joined, each chunk's part let go as it is used.
    static func joinedColumns(_ parsed: inout Parsed) -> [Column] {
        var columns: [Column] = []
        for slot in parsed.fields.indices {
            var parts: [TypedColumnBuilder] = []
            for chunk in parsed.chunks.indices {
                parts.append(parsed.chunks[chunk][slot])
                parsed.chunks[chunk][slot] = TypedColumnBuilder(type: .null, capacity: 0)
            }
            columns.append(TypedColumnBuilder.concatenate(parts))
        }
        return columns
    }

    /// The error for invalid UTF-8 at `offset` of a whole file.
    func invalidUTF8Whole(_ bytes: [UInt8], at offset: Int) -> Diagnostic {
        let (line, column) = UTF8Check.lineAndColumn(bytes, offset)
        return Diagnostic(message: "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                          location: SourceLocation(source: fileName, line: line, column: column))
    }

    /// The error for invalid UTF-8 at `offset`; its line counts from
    /// `base` (a chunk's start: the chunk runner adds the lines before it).
    func invalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, from base: Int = 0) -> Diagnostic {
        let (line, column) = UTF8Check.lineAndColumn(UnsafeBufferPointer(rebasing: buffer[base...]), offset - base)
        return Diagnostic(message: "invalid UTF-8 (byte 0x\(String(buffer[offset], radix: 16, uppercase: true)))",
                          location: SourceLocation(source: fileName, line: line, column: column))
    }

    /// The error for invalid UTF-8 at `offset`, in the record that starts
    /// at `record` on line `line` of its chunk.
    func invalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, record: Int, line: Int) -> Diagnostic {
        var lineNumber = line, lineStart = record
        for k in record..<offset where buffer[k] == 10 {
            lineNumber += 1
            lineStart = k + 1
        }
        var column = 1
        for k in lineStart..<offset where buffer[k] & 0xC0 != 0x80 { column += 1 }
        return Diagnostic(message: "invalid UTF-8 (byte 0x\(String(buffer[offset], radix: 16, uppercase: true)))",
                          location: SourceLocation(source: fileName, line: lineNumber, column: column))
    }

    /// An error of the second pass already positioned in the whole file.
    struct Positioned: Error {
        var diagnostic: Diagnostic
    }

    /// What the two passes produce: each chunk's columns, not yet joined.
    struct Parsed {
        var fields: [Table.Field]
        var chunks: [[TypedColumnBuilder]]
        var rowCount: Int
        var onePass = false
    }

    /// `releasable`: the buffer is this reader's alone, and the pages of a
    /// large file that the second pass has read are given back to the
    /// system as it goes (they read as zeros after), so that the file and
    /// its columns are not held whole at once. Errors of that pass are
    /// then positioned from line counts taken in the first.
    func read(buffer: UnsafeBufferPointer<UInt8>, checkFields: Bool, releasable: Bool = false) throws -> Parsed {
        // A byte-order mark, as Excel writes, is not part of the first name.
        var offset = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { offset = 3 }
        let delimiter = options.delimiter ?? CSVScanner.sniffDelimiter(buffer, from: offset)
        let headerScanner = CSVScanner(bytes: buffer, delimiter: delimiter, fileName: fileName)

        var names: [String] = []
        let dataStart = try headerScanner.forEachRecord(startingAt: offset, limit: 1) { fields, _ in
            // An unquoted name loses surrounding spaces; a quoted one keeps them.
            names = Self.uniqueNames(fields.map { $0.quoted ? headerScanner.text($0) : headerScanner.text($0).trimmingCharacters(of: " \t") })
        }
        if names.isEmpty { throw Diagnostic(message: "\(fileName) is empty: expected a header line") }
        var recordScanner = headerScanner
        recordScanner.blankLineIsRecord = names.count == 1
        let scanner = recordScanner
        let headerLines = CSVChunks.newlines(buffer, 0..<dataStart)
        var wanted = [Bool](repeating: true, count: names.count)
        var checkFields = checkFields
        if let columns = options.columns, columns.isSubset(of: names) {
            wanted = names.map { columns.contains($0) }
        } else if checkFields {
            // Every column is read after all: check the whole file at once.
            checkFields = false
            if let invalid = UTF8Check.firstInvalid(buffer, 0..<buffer.count) { throw invalidUTF8(buffer, at: invalid) }
            if let isCancelled = options.isCancelled, isCancelled() { throw Interrupted() }
        }
        if checkFields, let invalid = UTF8Check.firstInvalid(buffer, 0..<dataStart) { throw invalidUTF8(buffer, at: invalid) }
        let chunks = CSVChunks.split(buffer, dataStart..<buffer.count)

        let forcedDecimals = names.indices.filter { wanted[$0] && options.forcedTypes[names[$0]] == .decimal }
        let numberColumns: [(Int, Character)] = names.indices.compactMap { index in
            guard wanted[index], case .number(let separator)? = options.conversions[names[index]] else { return nil }
            return (index, separator)
        }
        let kept = names.indices.filter { wanted[$0] }
        if options.typesKnown, options.inferTypes, options.conversions.isEmpty, !kept.isEmpty,
           Set(options.forcedTypes.keys).isSubset(of: names), kept.allSatisfy({ options.forcedTypes[names[$0]] != nil }) {
            let known = names.map { options.forcedTypes[$0] ?? .string }
            // A block that does not fit its plan: the caller reads the whole
            // file instead, for its own types or the error to show.
            guard let parsed = try readInOnePass(buffer: buffer, chunks: chunks, scanner: scanner, names: names, kept: kept, types: known,
                                                 checkFields: checkFields, headerLines: headerLines) else {
                throw Diagnostic(message: "\(fileName): a block does not fit the types planned from the file's first rows")
            }
            return parsed
        }

        // Pass 1, a chunk per core: the shape and the narrowest types.
        let inferTypes = options.inferTypes
        let nullTexts = NullTexts(options.nullTexts)
        let isCancelled = options.isCancelled
        let progress = options.progress
        let plainTextSample = options.plainTextSample
        let releasing = releasable && buffer.count >= CSVChunks.minimumParallelBytes
        let scans = try CSVChunks.map(chunks, buffer: buffer, headerLines: headerLines) { chunk -> (rows: Int, classes: [FieldClass], shapes: [DecimalShape], lines: Int) in
            var classes = [FieldClass](repeating: .empty, count: names.count)
            var shapes = [DecimalShape](repeating: DecimalShape(), count: names.count)
            var rows = 0
            var reported = chunk.lowerBound
            defer { progress?.advance(chunk.upperBound - reported) }
            let (_, lines) = try scanner.scanRecords(startingAt: chunk.lowerBound, end: chunk.upperBound) { fields, line in
                guard fields.count == names.count else {
                    throw Diagnostic(
                        message: "expected \(names.count) field\(names.count == 1 ? "" : "s") as in the header, found \(fields.count)",
                        location: SourceLocation(source: fileName, line: line, column: 1)
                    )
                }
                rows += 1
                if rows & 0x3FFF == 0 {
                    if let isCancelled, isCancelled() { throw Interrupted() }
                    if let progress, fields.count > 0 {
                        progress.advance(fields[0].start - reported)
                        reported = fields[0].start
                    }
                }
                if inferTypes {
                    for (index, field) in fields.enumerated() where wanted[index] && classes[index] != .string {
                        let fieldClass = field.quoted && field.start == field.end
                            ? FieldClass.string
                            : nullTexts.matches(buffer, field) ? .empty
                            : FieldClassifier.classify(buffer, field.start, field.end, shape: &shapes[index])
                        classes[index] = FieldClassifier.combine(classes[index], fieldClass)
                    }
                }
                // A column forced to decimal takes the places its values have,
                // in any spelling (an engine's 1e-05 too).
                for index in forcedDecimals where index < fields.count && fields[index].start < fields[index].end {
                    let field = fields[index]
                    let fieldClass = FieldClassifier.classify(buffer, field.start, field.end, shape: &shapes[index])
                    if fieldClass != .integer, fieldClass != .decimal,
                       let exact = ExactDecimal(parsingScientific: scanner.text(field).trimmingCharacters(of: " ")) {
                        shapes[index].merge(DecimalShape(whole: 0, fraction: exact.normalized.scale))
                    }
                }
                // Columns converted by --type col=number take the places their numbers have.
                for (index, separator) in numberColumns where index < fields.count && fields[index].start < fields[index].end {
                    if let exact = NumberText.exact(scanner.text(fields[index]), decimalSeparator: separator) {
                        shapes[index].merge(DecimalShape(whole: 0, fraction: exact.scale))
                    }
                }
            }
            return (rows, classes, shapes, lines)
        }
        var classes = [FieldClass](repeating: .empty, count: names.count)
        var shapes = [DecimalShape](repeating: DecimalShape(), count: names.count)
        for scan in scans {
            for index in classes.indices {
                classes[index] = FieldClassifier.combine(classes[index], scan.classes[index])
                shapes[index].merge(scan.shapes[index])
            }
        }

        // Decimals are exact at the most places any field has, unless the
        // digits together pass 18: then the column is float.
        var types: [ValueType] = zip(classes, shapes).map { fieldClass, shape in
            switch fieldClass {
            case .integer: return .integer
            case .decimal: return shape.fitsExactly ? .decimal : .float
            case .float: return .float
            case .date: return .date
            case .timestamp: return .timestamp
            case .bool: return .bool
            case .string, .empty: return .string
            }
        }
        if !options.inferTypes { types = [ValueType](repeating: .string, count: names.count) }
        for (name, type) in options.forcedTypes {
            guard let index = names.firstIndex(of: name) else {
                throw Diagnostic(message: Suggestion.message("--type names column \"\(name)\", which \(fileName) does not have", for: name, in: names))
            }
            types[index] = type
        }
        var conversions = [FieldConversion?](repeating: nil, count: names.count)
        for (name, conversion) in options.conversions {
            guard let index = names.firstIndex(of: name) else {
                throw Diagnostic(message: Suggestion.message("--type names column \"\(name)\", which \(fileName) does not have", for: name, in: names))
            }
            types[index] = conversion.type
            conversions[index] = conversion
        }

        // Pass 2, a chunk per core: typed columns, then joined in order.
        let rowsPerChunk = scans.map(\.rows)
        // With no column to build (`load "f" | count`) the first pass has
        // counted the rows and checked their shape: a second finds nothing to do.
        if kept.isEmpty {
            progress?.advance(chunks.reduce(0) { $0 + $1.count })
            return Parsed(fields: [], chunks: chunks.map { _ in [] }, rowCount: rowsPerChunk.reduce(0, +))
        }
        // The lines before each chunk: its released pages cannot be counted.
        var linesBefore = [headerLines]
        for scan in scans { linesBefore.append(linesBefore[linesBefore.count - 1] + scan.lines) }
        let built: [[TypedColumnBuilder]]
        do {
          built = try CSVChunks.map(chunks, buffer: buffer, headerLines: headerLines) { chunk -> [TypedColumnBuilder] in
            let index = chunks.firstIndex(of: chunk) ?? 0
            var released = chunk.lowerBound + PageRelease.margin
            var builders = kept.map { TypedColumnBuilder(type: types[$0], capacity: rowsPerChunk[index], scale: min(shapes[$0].fraction, ExactDecimal.maxScale), conversion: conversions[$0], nullTexts: nullTexts, plainTextSample: plainTextSample) }
            var rows = 0
            var reported = chunk.lowerBound
            defer { progress?.advance(chunk.upperBound - reported) }
            do {
                try scanner.forEachRecord(startingAt: chunk.lowerBound, end: chunk.upperBound) { fields, line in
                    rows += 1
                    let recordStart = fields.count == 0 ? chunk.lowerBound : fields[0].quoted ? fields[0].start - 1 : fields[0].start
                    if rows & 0x3FFF == 0 {
                        if let isCancelled, isCancelled() { throw Interrupted() }
                        if let progress, fields.count > 0 {
                            progress.advance(fields[0].start - reported)
                            reported = fields[0].start
                        }
                        if releasing { released = PageRelease.release(buffer, from: released, to: recordStart - PageRelease.margin) }
                    }
                    if checkFields {
                        for column in kept where types[column] == .string {
                            let field = fields[column]
                            if let invalid = UTF8Check.firstInvalid(buffer, field.start..<field.end) {
                                throw invalidUTF8(buffer, at: invalid, record: recordStart, line: line)
                            }
                        }
                    }
                    for (slot, column) in kept.enumerated() {
                        try builders[slot].append(fields[column], scanner: scanner, line: line, column: names[column], recordStart: recordStart)
                    }
                }
            } catch var diagnostic as Diagnostic where releasing {
                diagnostic.location?.line += linesBefore[index]
                throw Positioned(diagnostic: diagnostic)
            }
            return builders
          }
        } catch let positioned as Positioned {
            throw positioned.diagnostic
        }
        // With no column wanted (`load "f" | count`) the rows still count.
        return Parsed(fields: kept.map { Table.Field(name: names[$0]) }, chunks: built, rowCount: rowsPerChunk.reduce(0, +))
    }

    /// Blank names become column_N; repeated names get _2, _3.
    static func uniqueNames(_ raw: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return raw.enumerated().map { index, name in
            var base = name
            if base.trimmingCharacters(of: " \t").isEmpty { base = "column_\(index + 1)" }
            let count = seen[base, default: 0] + 1
            seen[base] = count
            return count == 1 ? base : "\(base)_\(count)"
        }
    }
}

import SciEngine
import SciLanguage

/// Reading a block of a streamed file in one pass, its columns' types
/// planned from the file's start (`Options.typesKnown`). The two passes of
/// `CSVReader` find the shape and the types, then build the columns; here
/// each record is checked and built at once, and a decimal column's scale
/// grows as places come. Each field must be one the two passes would give
/// the planned type (an integer column takes 12, not 007 or " 12 ", which
/// make a column text; a decimal column no 1e-05, which makes it float), so
/// that a block read this way is what reading the whole file would give.
/// Anything amiss — a record of the wrong width, a value of another type,
/// invalid UTF-8 — gives up (nil), and the caller reads the whole file, for
/// its types or the error the user should see.
extension CSVReader {
    /// Why one pass gave up (never shown: the two passes say what is wrong).
    struct GiveUp: Error {}

    func readInOnePass(buffer: UnsafeBufferPointer<UInt8>, chunks: [Range<Int>], scanner: CSVScanner, names: [String],
                       kept: [Int], types: [ValueType], checkFields: Bool, headerLines: Int) throws -> Parsed? {
        let nullTexts = NullTexts(options.nullTexts)
        let isCancelled = options.isCancelled
        let progress = options.progress
        let plainTextSample = options.plainTextSample
        let built: [(rows: Int, builders: [TypedColumnBuilder], shapes: [DecimalShape])]
        do {
            built = try CSVChunks.map(chunks, buffer: buffer, headerLines: headerLines) { chunk in
                var builders = kept.map {
                    TypedColumnBuilder(type: types[$0], capacity: Self.estimatedRows(buffer, chunk), nullTexts: nullTexts,
                                       plainTextSample: plainTextSample)
                }
                // The places a decimal column's fields have, as the first pass
                // finds them (its scale is the most of them, at most 18).
                var shapes = [DecimalShape](repeating: DecimalShape(), count: kept.count)
                var rows = 0
                var reported = chunk.lowerBound
                // Two passes' worth, as the progress line expects.
                defer { progress?.advance(2 * (chunk.upperBound - reported)) }
                try scanner.forEachRecord(startingAt: chunk.lowerBound, end: chunk.upperBound) { fields, line in
                    guard fields.count == names.count else { throw GiveUp() }
                    rows += 1
                    let recordStart = fields.count == 0 ? chunk.lowerBound : fields[0].quoted ? fields[0].start - 1 : fields[0].start
                    if rows & 0x3FFF == 0 {
                        if let isCancelled, isCancelled() { throw Interrupted() }
                        if let progress, fields.count > 0 {
                            progress.advance(2 * (fields[0].start - reported))
                            reported = fields[0].start
                        }
                    }
                    for (slot, column) in kept.enumerated() {
                        let field = fields[column]
                        if types[column] == .decimal {
                            guard builders[slot].appendGrowingScale(field, buffer, shape: &shapes[slot], nullTexts: nullTexts) else { throw GiveUp() }
                            continue
                        }
                        if checkFields, types[column] == .string, UTF8Check.firstInvalid(buffer, field.start..<field.end) != nil { throw GiveUp() }
                        guard Self.fits(field, buffer, types[column], nullTexts) else { throw GiveUp() }
                        do {
                            try builders[slot].append(field, scanner: scanner, line: line, column: names[column], recordStart: recordStart)
                        } catch is Diagnostic {
                            throw GiveUp()
                        }
                    }
                }
                return (rows, builders, shapes)
            }
        } catch is GiveUp {
            return nil
        } catch is Diagnostic {
            // The scanner's own errors (an unterminated quote): the two
            // passes report them in their order.
            return nil
        }
        // Every chunk's decimals at the largest scale any chunk needed; the
        // digits of all chunks together within 18, or the first pass's
        // column would be float.
        var chunkColumns = built.map(\.builders)
        for slot in kept.indices where types[kept[slot]] == .decimal {
            var shape = DecimalShape()
            for chunk in built { shape.merge(chunk.shapes[slot]) }
            guard shape.fitsExactly else { return nil }
            let scale = chunkColumns.map { $0[slot].buffers.scale }.max() ?? 0
            for chunk in chunkColumns.indices {
                guard chunkColumns[chunk][slot].rescaleDecimals(to: scale) else { return nil }
            }
        }
        return Parsed(fields: kept.map { Table.Field(name: names[$0]) }, chunks: chunkColumns, rowCount: built.reduce(0) { $0 + $1.rows },
                      onePass: true)
    }

    /// Whether the first pass would find `field` of the planned `type`
    /// (decimals are checked as they are built).
    static func fits(_ field: CSVScanner.Field, _ b: UnsafeBufferPointer<UInt8>, _ type: ValueType, _ nullTexts: NullTexts) -> Bool {
        if type == .string || type == .null { return true }
        // A quoted empty field is text; an unquoted one, or a null spelling, is null.
        if field.quoted, field.start == field.end { return false }
        if field.start == field.end || nullTexts.matches(b, field) { return true }
        let fieldClass = FieldClassifier.classify(b, field.start, field.end)
        switch type {
        case .integer: return fieldClass == .integer
        case .float: return fieldClass == .integer || fieldClass == .decimal || fieldClass == .float
        case .date: return fieldClass == .date
        case .timestamp: return fieldClass == .timestamp
        case .bool: return fieldClass == .bool
        default: return false
        }
    }

    /// Rows a chunk may hold, from the line ends of its first 64 KB: room
    /// reserved up front, so columns do not grow by copying.
    static func estimatedRows(_ buffer: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) -> Int {
        let sample = chunk.lowerBound..<min(chunk.upperBound, chunk.lowerBound + (64 << 10))
        let lines = max(1, CSVChunks.newlines(buffer, sample))
        return chunk.count / max(1, sample.count / lines) + 16
    }
}

extension TypedColumnBuilder {
    /// A decimal field at the largest scale met so far: when a field has
    /// more places, the units already built are multiplied up to them. The
    /// places are found as the first pass finds them (`FieldClassifier`,
    /// for every non-empty field, null spellings included), so the scale
    /// comes out as the two passes make it. False for anything but plain
    /// integer and decimal text (which the first pass would not type
    /// decimal), and where the digits pass 18 or units would pass 64 bits.
    mutating func appendGrowingScale(_ field: CSVScanner.Field, _ b: UnsafeBufferPointer<UInt8>, shape: inout DecimalShape,
                                     nullTexts: NullTexts) -> Bool {
        let isEmpty = field.start == field.end
        // A quoted empty field is text, to the first pass.
        if isEmpty, field.quoted { return false }
        var fieldClass = FieldClass.empty
        if !isEmpty {
            fieldClass = FieldClassifier.classify(b, field.start, field.end, shape: &shape)
            // The first pass takes the places of 1e-05 too, null spelling
            // or not: the two passes decide that scale.
            if fieldClass == .float { return false }
            // Digits beyond 18 in all make the first pass's column float.
            if !shape.fitsExactly { return false }
            let scale = min(shape.fraction, ExactDecimal.maxScale)
            if scale > buffers.scale, !rescaleDecimals(to: scale) { return false }
        }
        if isEmpty || nullTexts.matches(b, field) {
            markNull()
            buffers.appendPlaceholder()
            row += 1
            return true
        }
        guard fieldClass == .integer || fieldClass == .decimal,
              let units = FieldClassifier.parseUnits(b, field.start, field.end, scale: buffers.scale) else { return false }
        buffers.decimals.append(units)
        row += 1
        return true
    }

    /// The decimals built so far, multiplied up to `scale`; false if one
    /// would pass 64 bits.
    mutating func rescaleDecimals(to scale: Int) -> Bool {
        guard scale > buffers.scale else { return true }
        let factor = ExactDecimal.powers[scale - buffers.scale]
        for index in buffers.decimals.indices {
            let (units, overflow) = buffers.decimals[index].multipliedReportingOverflow(by: factor)
            if overflow { return false }
            buffers.decimals[index] = units
        }
        buffers.scale = scale
        return true
    }
}

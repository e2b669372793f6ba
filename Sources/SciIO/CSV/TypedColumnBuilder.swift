import SciEngine
import SciLanguage

/// Fills one typed column from field bytes.
struct TypedColumnBuilder {
    var buffers: TypedBuffers
    /// Null flags, made at the first null (a column without any needs none).
    var nulls: [Bool] = []
    var row = 0
    var conversion: FieldConversion?
    var nullTexts = NullTexts([])
    /// Strings seen before choosing between a dictionary and a plain list.
    var plainTextSample: Int?
    var strings = 0
    let capacity: Int

    var type: ValueType { buffers.type }

    init(type: ValueType, capacity: Int, scale: Int = 0, conversion: FieldConversion? = nil, nullTexts: NullTexts = NullTexts([]),
         plainTextSample: Int? = nil) {
        self.capacity = capacity
        self.plainTextSample = plainTextSample
        buffers = TypedBuffers(type: type, capacity: capacity)
        buffers.scale = scale
        self.conversion = conversion
        self.nullTexts = nullTexts
    }

    /// `recordStart` is where the record's line begins, to say where a bad
    /// field is.
    mutating func append(_ field: CSVScanner.Field, scanner: CSVScanner, line: Int, column: String, recordStart: Int) throws {
        let b = scanner.bytes
        let isEmpty = field.start == field.end
        if (isEmpty && !(type == .string && field.quoted)) || nullTexts.matches(b, field) {
            markNull()
            buffers.appendPlaceholder()
            row += 1
            return
        }
        func bad(_ what: String, message: String? = nil) -> Diagnostic {
            // Where the field itself starts (its opening quote, if quoted):
            // counted over the whole file, as this only happens once.
            let at = field.quoted ? max(recordStart, field.start - 1) : field.start
            var lineStart = recordStart, extraLines = 0
            for k in recordStart..<min(at, b.count) where b[k] == 10 {
                extraLines += 1
                lineStart = k + 1
            }
            let (fieldLine, fieldColumn) = scanner.position(of: at, line: line + extraLines, lineStart: lineStart)
            let fallback = conversion.map { "column \"\(column)\" is converted by --type \(column)=\($0.spelling), but \(MessageText.quoted(scanner.text(field))) is not \($0.what)" }
                ?? "column \"\(column)\" is forced to \(what), but \(MessageText.quoted(scanner.text(field))) is not one"
            return Diagnostic(message: message ?? fallback, location: SourceLocation(source: scanner.fileName, line: fieldLine, column: fieldColumn))
        }
        if let conversion {
            guard let value = conversion.convert(scanner.text(field)), buffers.append(value) else { throw bad(conversion.what) }
            row += 1
            return
        }
        switch type {
        case .integer:
            if FieldClassifier.classify(b, field.start, field.end) == .integer,
               let value = FieldClassifier.parseInteger(b, field.start, field.end) {
                buffers.integers.append(value)
            } else if let value = Int64(scanner.text(field).trimmingCharacters(of: " ")) {
                buffers.integers.append(value)
            } else {
                throw bad("integer")
            }
        case .decimal:
            if let units = FieldClassifier.parseUnits(b, field.start, field.end, scale: buffers.scale) {
                buffers.decimals.append(units)
            } else if let value = ExactDecimal(parsingScientific: scanner.text(field).trimmingCharacters(of: " "))?.normalized,
                      value.scale <= buffers.scale, let units = value.rescaled(to: buffers.scale)?.units {
                buffers.decimals.append(units)
            } else {
                throw bad("decimal")
            }
        case .float:
            let fieldClass = FieldClassifier.classify(b, field.start, field.end)
            let value = fieldClass == .integer || fieldClass == .decimal || fieldClass == .float
                ? FieldClassifier.parseDecimal(b, field.start, field.end)
                : Double(scanner.text(field).trimmingCharacters(of: " ")) ?? .nan
            // 1e400 is no number a float holds: an error where it stands, never inf.
            guard value.isFinite else {
                throw bad("float", message: "the number \(MessageText.quoted(scanner.text(field))) in column \"\(column)\" is out of range (a float holds at most about 1.8e308)")
            }
            buffers.floats.append(value)
        case .date:
            let text = UnsafeBufferPointer(rebasing: b[field.start..<field.end])
            guard let value = field.needsUnescape ? DateText.date(scanner.text(field)) : ISODate.parse(b, field.start, field.end) ?? DateText.date(utf8: text) else { throw bad("date") }
            buffers.dates.append(value)
        case .timestamp:
            guard let value = DateText.timestamp(scanner.text(field)) else { throw bad("timestamp") }
            buffers.timestamps.append(value)
        case .bool:
            switch scanner.text(field).lowercased() {
            case "true": buffers.bools.append(true)
            case "false": buffers.bools.append(false)
            default: throw bad("bool")
            }
        case .string:
            let code: Int
            if field.needsUnescape {
                let unescaped = scanner.unescaped(field)
                code = unescaped.withUnsafeBufferPointer { buffers.dictionary.intern(bytes: $0) }
            } else {
                code = buffers.dictionary.intern(bytes: UnsafeBufferPointer(rebasing: b[field.start..<field.end]))
            }
            buffers.codes.append(Int32(truncatingIfNeeded: code))
            strings += 1
            if strings == plainTextSample { choosePlainText() }
        case .null:
            markNull()
        }
        row += 1
    }

    mutating func markNull() {
        padNulls(to: max(capacity, row + 1))
        nulls[row] = true
    }

    mutating func padNulls(to count: Int) {
        if nulls.count < count { nulls.append(contentsOf: repeatElement(false, count: count - nulls.count)) }
    }

    /// Exactly `count` flags: padded with false, or cut.
    mutating func fitNulls(to count: Int) {
        padNulls(to: count)
        if nulls.count > count { nulls.removeLast(nulls.count - count) }
    }

    /// Mostly new strings so far: the rest of the chunk is a plain list,
    /// with room for as many more bytes as the strings so far suggest.
    mutating func choosePlainText() {
        guard buffers.dictionary.isUnique, buffers.dictionary.count * 2 > strings else { return }
        buffers.dictionary.makePlain()
        let perString = buffers.dictionary.bytes.count / max(buffers.dictionary.count, 1) + 1
        buffers.dictionary.reserve(strings: capacity, bytes: capacity * perString + capacity / 16)
    }

    /// The columns of consecutive chunks as one; text codes of later chunks
    /// are renumbered into the first chunk's dictionary (or, where a chunk
    /// is a plain list, the arenas are joined).
    static func concatenate(_ given: consuming [TypedColumnBuilder]) -> Column {
        var parts = given
        guard !parts.isEmpty else { return Column(.null(count: 0)) }
        // Each part is let go as it is used, so no arena is held twice.
        var whole = parts[0]
        parts[0] = TypedColumnBuilder(type: .null, capacity: 0)
        if whole.type == .string, !whole.buffers.dictionary.isUnique || parts.contains(where: { !$0.buffers.dictionary.isUnique }) {
            // One allocation for the joined arena.
            var strings = whole.buffers.dictionary.count, bytes = whole.buffers.dictionary.bytes.count
            for part in parts.dropFirst() {
                strings += part.buffers.dictionary.count
                bytes += part.buffers.dictionary.bytes.count
            }
            whole.buffers.dictionary.reserve(strings: strings, bytes: bytes)
        }
        for index in parts.indices.dropFirst() {
            let part = parts[index]
            parts[index] = TypedColumnBuilder(type: .null, capacity: 0)
            if !part.nulls.isEmpty || !whole.nulls.isEmpty {
                whole.fitNulls(to: whole.row)
                whole.nulls.append(contentsOf: part.nulls.prefix(part.row))
                whole.fitNulls(to: whole.row + part.row)
            }
            whole.row += part.row
            whole.buffers.append(contentsOf: part.buffers)
        }
        if !whole.nulls.isEmpty { whole.fitNulls(to: whole.row) }
        return whole.buffers.column(nulls: whole.nulls, count: whole.row)
    }
}

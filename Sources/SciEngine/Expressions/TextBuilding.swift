import SciLanguage

/// Text put together and cut apart: concat, split, and padding to a display
/// width (a Chinese character takes two columns, as in a table).
extension Functions {
    static let moreText: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "concat", signature: "concat(a, b, ...)", summary: "The arguments as text, one after another; a null counts as empty text, as in SQL.",
            example: #"entities | where kind == "lab" | take 2 | select c = concat(name, " (", since, ")")"#,
            arity: 1...Int.max, typing: { _ in .result(.string) }, evaluate: concat),
        FunctionDeclaration(
            name: "split", signature: "split(text, separator, n)", summary: "The n-th part (from 1) of the text cut at every separator (plain text); null when there is no n-th part or the separator is empty.",
            example: #"metrics | take 2 | select as_of, y = split(text(as_of), "-", 1), m = split(text(as_of), "-", 2)"#,
            arity: 3...3, typing: splitTyping, evaluate: { call in try rowWise(call) { values in
                guard case .string(let text) = values[0], case .string(let separator) = values[1], case .integer(let n) = values[2] else { return .null }
                return split(text, separator, n).map(Value.string) ?? .null
            } }),
        FunctionDeclaration(
            name: "lpad", signature: "lpad(text, width[, fill])", summary: "The text padded on the left with fill (default a space) to width display columns (a Chinese character takes two); text already wider is cut to the longest start that fits.",
            example: #"people | take 3 | select p = lpad(name, 8, "."), n = name_en"#,
            arity: 2...3, typing: padTyping, evaluate: { try pad($0, left: true) }),
        FunctionDeclaration(
            name: "rpad", signature: "rpad(text, width[, fill])", summary: "The text padded on the right to width display columns, as lpad.",
            example: #"people | take 3 | select a = rpad(name, 8, "."), b = rpad(name_en, 10, ".")"#,
            arity: 2...3, typing: padTyping, evaluate: { try pad($0, left: false) }),
    ]

    static let splitTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        for index in 0..<2 where arguments[index].type != .string && arguments[index].type != .null {
            return .wrongArgument(index: index, expected: "text")
        }
        guard arguments[2].type == .integer || arguments[2].type == .null else { return .wrongArgument(index: 2, expected: "a whole number") }
        return .result(.string)
    }

    static let padTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments[0].type == .string || arguments[0].type == .null else { return .wrongArgument(index: 0, expected: "text") }
        guard arguments[1].type == .integer || arguments[1].type == .null else { return .wrongArgument(index: 1, expected: "a whole number of columns") }
        if case .integer(let width)? = arguments[1].literal, width > maxPadWidth {
            return .badArgument(index: 1, message: "lpad and rpad pad to at most \(maxPadWidth) columns, not \(width)")
        }
        if arguments.count == 3, arguments[2].type != .string, arguments[2].type != .null { return .wrongArgument(index: 2, expected: "text to fill with") }
        return .result(.string)
    }

    /// The widest padding: a width from a column past it is an error, not a
    /// string of a billion spaces.
    static let maxPadWidth: Int64 = 1_000_000

    static func concat(_ call: FunctionCall) throws -> Operand {
        let columns = call.arguments.map { $0.materialize(count: call.rowCount) }
        var builder = CheckedColumnBuilder(range: call.range)
        for row in 0..<call.rowCount {
            var text = ""
            for column in columns where !column.isNull(row) { text += column[row].description }
            _ = try builder.append(.string(text))
        }
        return .column(builder.build(count: call.rowCount).conformed(to: .string))
    }

    /// The n-th part of `text` cut at `separator`, compared as bytes (as the
    /// SQL engines do); nil when there is none.
    static func split(_ text: String, _ separator: String, _ n: Int64) -> String? {
        guard !separator.isEmpty, n >= 1 else { return nil }
        let source = Array(text.utf8), pattern = Array(separator.utf8)
        var part: Int64 = 1, start = 0, index = 0
        while index + pattern.count <= source.count {
            if source[index..<(index + pattern.count)].elementsEqual(pattern) {
                if part == n { return String(decoding: source[start..<index], as: UTF8.self) }
                part += 1
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        return part == n ? String(decoding: source[start...], as: UTF8.self) : nil
    }

    static func pad(_ call: FunctionCall, left: Bool) throws -> Operand {
        let widths = call.arguments[1].materialize(count: call.rowCount)
        for row in 0..<call.rowCount {
            if case .integer(let width) = widths[row], width > maxPadWidth {
                throw Diagnostic(message: "lpad and rpad pad to at most \(maxPadWidth) columns, not \(width)", range: call.argumentRanges[1])
            }
        }
        // A fill of characters that take no column (U+200B) makes a million
        // columns far more than a million bytes: refused before it is made.
        let limit = MemoryLimit.current
        func padded(_ text: String, _ width: Int, _ fill: String) throws -> Value {
            try MemoryLimit.text(Self.padded(text, to: width, fill: fill, left: left, atMost: limit), cappedAt: limit, at: call.range)
        }
        // A width and fill written out: padded once per distinct text.
        if call.arguments.dropFirst().allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
            guard case .scalar(.integer(let width)) = call.arguments[1] else { return .scalar(.null) }
            var fill = " "
            if call.arguments.count == 3 {
                guard case .scalar(.string(let given)) = call.arguments[2] else { return .scalar(.null) }
                fill = given
            }
            let rest = FunctionCall(arguments: [call.arguments[0]], argumentRanges: call.argumentRanges, range: call.range, rowCount: call.rowCount)
            return try mapText(rest) { try padded($0, Int(width), fill) }
        }
        return try rowWise(call) { values in
            guard case .string(let text) = values[0], case .integer(let width) = values[1] else { return .null }
            var fill = " "
            if values.count == 3 {
                guard case .string(let given) = values[2] else { return .null }
                fill = given
            }
            return try padded(text, Int(width), fill)
        }
    }

    /// `text` brought to `width` display columns: cut to the longest start
    /// that fits when wider; else filled with `fill`'s characters repeated
    /// from its start, a space standing in for a wide fill character that
    /// would overrun the last column. An empty (or zero-width) fill pads nothing.
    /// nil when the padding would pass `limit` bytes.
    static func padded(_ text: String, to width: Int, fill: String, left: Bool, atMost limit: Int? = nil) -> String? {
        guard width > 0 else { return "" }
        let used = DisplayWidth.of(text)
        if used >= width { return used == width ? text : DisplayWidth.prefix(text, fitting: width) }
        let fillScalars = Array(fill.unicodeScalars)
        let fillWidth = DisplayWidth.of(fill)
        guard fillWidth > 0 else { return text }
        var missing = width - used, index = 0
        // At most one copy of the fill per `fillWidth` columns, and one more.
        if let limit, (missing / fillWidth + 1) * fill.utf8.count > limit { return nil }
        // A fill of one-column characters (a space, ".", "0"): whole copies
        // of it, then its start. Scalar by scalar, padding to 100,000
        // columns took milliseconds a row.
        // Made as bytes: String(repeating:count:) appends one copy at a time.
        if fillScalars.allSatisfy({ DisplayWidth.of($0) == 1 }) {
            let unit = Array(fill.utf8), copies = missing / fillScalars.count
            var bytes = unit.count == 1 ? [UInt8](repeating: unit[0], count: copies) : []
            if unit.count > 1 {
                bytes.reserveCapacity(unit.count * (copies + 1))
                for _ in 0..<copies { bytes.append(contentsOf: unit) }
            }
            for scalar in fillScalars.prefix(missing % fillScalars.count) { bytes.append(contentsOf: String(scalar).utf8) }
            let padding = String(decoding: bytes, as: UTF8.self)
            return left ? padding + text : text + padding
        }
        var padding = String.UnicodeScalarView()
        var substituted = false
        while missing > 0 {
            let scalar = fillScalars[index % fillScalars.count]
            index += 1
            let w = DisplayWidth.of(scalar)
            substituted = w > missing
            if substituted {
                padding.append(" ")
                missing -= 1
            } else {
                padding.append(scalar)
                missing -= w
            }
        }
        // The last fill character keeps its combining marks (the accent of
        // "é" written as e and U+0301), which take no column.
        while !substituted, index % fillScalars.count != 0, DisplayWidth.of(fillScalars[index % fillScalars.count]) == 0 {
            padding.append(fillScalars[index % fillScalars.count])
            index += 1
        }
        return left ? String(padding) + text : text + String(padding)
    }
}

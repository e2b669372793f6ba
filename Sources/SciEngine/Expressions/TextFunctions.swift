/// Text taken apart: positions count characters (a Chinese character, or a
/// letter with its accents, is one), from 1, as in SQL.
extension Functions {
    static let textFunctions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "substr", signature: "substr(text, start[, length])", summary: "The characters from start (1 is the first) on, or length of them; empty past the end.",
            example: #"entities | where id == "jinfeng_lab" | select name, s = substr(name, 3, 2)"#,
            arity: 2...3, typing: textThenIntegers, evaluate: { call in try rowWise(call) { values in
                guard case .string(let text) = values[0], case .integer(let start) = values[1] else { return .null }
                if values.count == 3, values[2].isNull { return .null }
                var length = Int64.max
                if values.count == 3, case .integer(let given) = values[2] { length = given }
                return .string(substring(text, start: start, length: length))
            } }),
        FunctionDeclaration(
            name: "left", signature: "left(text, n)", summary: "The first n characters (all of them when there are fewer; none for n below 1).",
            example: #"entities | where kind == "lab" | select name, first2 = left(name, 2)"#,
            arity: 2...2, typing: textThenIntegers, evaluate: { call in try rowWise(call) { values in
                guard case .string(let text) = values[0], case .integer(let n) = values[1] else { return .null }
                return .string(String(text.prefix(Int(clamping: max(0, n)))))
            } }),
        FunctionDeclaration(
            name: "right", signature: "right(text, n)", summary: "The last n characters (all of them when there are fewer; none for n below 1).",
            example: #"entities | where kind == "lab" | select name, last3 = right(name, 3)"#,
            arity: 2...2, typing: textThenIntegers, evaluate: { call in try rowWise(call) { values in
                guard case .string(let text) = values[0], case .integer(let n) = values[1] else { return .null }
                return .string(String(text.suffix(Int(clamping: max(0, n)))))
            } }),
        FunctionDeclaration(
            name: "replace", signature: "replace(text, from, to)", summary: "The text with every from replaced by to (plain text, case-sensitive; an empty from changes nothing).",
            example: #"entities | where id == "jinfeng_lab" | select name, r = replace(name, "实验室", " Lab")"#,
            arity: 3...3, typing: allText, evaluate: { call in
                // One row's result can pass the limit by itself (replacing
                // each letter of a long text by a long text): it stops there.
                let limit = MemoryLimit.current
                return try rowWise(call) { values in
                    guard case .string(let text) = values[0], case .string(let from) = values[1], case .string(let to) = values[2] else { return .null }
                    return try MemoryLimit.text(replacing(text, from, to, atMost: limit), cappedAt: limit, at: call.range)
                }
            }),
        FunctionDeclaration(
            name: "position", signature: "position(text, part)", summary: "Where part first starts in text, in characters from 1; 0 when it does not occur.",
            example: #"entities | where kind == "lab" | select name, p = position(name, "实验室")"#,
            arity: 2...2, typing: allTextToInteger, evaluate: { call in try rowWise(call) { values in
                guard case .string(let text) = values[0], case .string(let part) = values[1] else { return .null }
                return .integer(position(of: part, in: text))
            } }),
        FunctionDeclaration(
            name: "reverse", signature: "reverse(text)", summary: "The characters in the opposite order.",
            example: #"people | take 2 | select name, backwards = reverse(name)"#,
            arity: 1...1, typing: TypingRules.text, evaluate: { try mapText($0) { .string(String($0.reversed())) } }),
    ]

    static let textThenIntegers: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments[0].type == .string || arguments[0].type == .null else { return .wrongArgument(index: 0, expected: "text") }
        for index in arguments.indices.dropFirst() where arguments[index].type != .integer && arguments[index].type != .null {
            return .wrongArgument(index: index, expected: "a whole number")
        }
        return .result(.string)
    }

    static let allText: @Sendable ([ArgumentType]) -> Typing = { arguments in
        for (index, argument) in arguments.enumerated() where argument.type != .string && argument.type != .null {
            return .wrongArgument(index: index, expected: "text")
        }
        return .result(.string)
    }

    static let allTextToInteger: @Sendable ([ArgumentType]) -> Typing = { arguments in
        if case .wrongArgument(let index, let expected) = allText(arguments) { return .wrongArgument(index: index, expected: expected) }
        return .result(.integer)
    }

    static func substring(_ text: String, start: Int64, length: Int64) -> String {
        // As SQL: positions before the first still count toward the length.
        guard length > 0 else { return "" }
        let (end, overflow) = start.addingReportingOverflow(length)
        let from = max(1, start), to = overflow ? Int64.max : end
        guard to > from else { return "" }
        return String(text.dropFirst(Int(clamping: from - 1)).prefix(Int(clamping: to - from)))
    }

    /// nil when the result would pass `atMost` bytes.
    static func replacing(_ text: String, _ from: String, _ to: String, atMost limit: Int? = nil) -> String? {
        guard !from.isEmpty else { return text }
        let source = Array(text.utf8), pattern = Array(from.utf8), replacement = Array(to.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if index + pattern.count <= source.count, source[index..<(index + pattern.count)].elementsEqual(pattern) {
                result += replacement
                index += pattern.count
                if let limit, result.count > limit { return nil }
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func position(of part: String, in text: String) -> Int64 {
        if part.isEmpty { return 1 }
        let characters = Array(text), wanted = Array(part)
        guard wanted.count <= characters.count else { return 0 }
        for start in 0...(characters.count - wanted.count) where characters[start..<(start + wanted.count)].elementsEqual(wanted) {
            return Int64(start + 1)
        }
        return 0
    }
}

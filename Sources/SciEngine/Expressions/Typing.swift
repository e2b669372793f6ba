/// What a function or aggregate gives for arguments of given types, or why
/// it cannot take them: checked by the planner before any row is read.
public enum Typing: Sendable, Equatable {
    case result(ValueType)
    /// Argument `index` (0-based) has a type the function cannot take.
    case wrongArgument(index: Int, expected: String)
    /// Argument `index` is of the right type but cannot be taken (an
    /// invalid regular expression, a fraction out of range, a bad format):
    /// the message says why, at that argument.
    case badArgument(index: Int, message: String)
    /// The arguments do not fit together (the message says why).
    case invalid(String)
}

/// One argument as the planner knows it: its type, and its value when it
/// is a literal (some arguments must be: `round`'s digits).
public struct ArgumentType: Sendable {
    public var type: ValueType
    public var literal: Value?

    public init(type: ValueType, literal: Value? = nil) {
        self.type = type
        self.literal = literal
    }
}

/// The typing rules the declarations share.
public enum TypingRules {
    /// One argument of `accepted` types (or null) gives `result`.
    static func unary(_ accepted: Set<ValueType>, expected: String, result: @escaping @Sendable (ValueType) -> ValueType) -> @Sendable ([ArgumentType]) -> Typing {
        { arguments in
            guard let first = arguments.first else { return .invalid("an argument is needed") }
            if first.type == .null { return .result(result(.null)) }
            guard accepted.contains(first.type) else { return .wrongArgument(index: 0, expected: expected) }
            return .result(result(first.type))
        }
    }

    static let text = unary([.string], expected: "text") { _ in .string }
    static let textToInteger = unary([.string], expected: "text") { _ in .integer }
    static let number = unary([.integer, .decimal, .float], expected: "a number") { $0 == .null ? .null : $0 }
    static let toFloat = unary([.integer, .decimal, .float], expected: "a number") { _ in .float }
    static let datePart = unary([.date, .timestamp], expected: "a date or a timestamp") { _ in .integer }
    static let timestampPart = unary([.timestamp], expected: "a timestamp") { _ in .integer }

    /// round(number[, digits]): digits a whole-number literal.
    static let round: @Sendable ([ArgumentType]) -> Typing = { arguments in
        if arguments.count == 2 {
            guard case .integer? = arguments[1].literal else { return .wrongArgument(index: 1, expected: "a whole number of digits") }
        }
        return number(arguments)
    }

    /// Values of one type: integers and decimals together are decimals, and
    /// any number with a float is a float.
    public static func common(_ types: [ValueType], what: String) -> Typing {
        let distinct = Set(types).subtracting([.null])
        if distinct.isEmpty { return .result(.null) }
        if distinct.count == 1, let only = distinct.first { return .result(only) }
        if distinct == [.integer, .decimal] { return .result(.decimal) }
        if distinct.allSatisfy(\.isNumeric) { return .result(.float) }
        return .invalid("\(what) needs arguments of one type, but got \(distinct.map(\.rawValue).sorted().joined(separator: " and "))")
    }

    static let coalesce: @Sendable ([ArgumentType]) -> Typing = { common($0.map(\.type), what: "coalesce") }
    static let anyToText: @Sendable ([ArgumentType]) -> Typing = { _ in .result(.string) }
}

extension TypingRules {
    /// Numbers (all of them, or null) give a decimal: sqrt, ln, pow.
    static let toDecimal: @Sendable ([ArgumentType]) -> Typing = numbers(result: .decimal)
    /// Numbers give an integer: sign.
    static let toInteger: @Sendable ([ArgumentType]) -> Typing = numbers(result: .integer)

    static func numbers(result: ValueType) -> @Sendable ([ArgumentType]) -> Typing {
        { arguments in
            for (index, argument) in arguments.enumerated() where argument.type != .null && !argument.type.isNumeric {
                return .wrongArgument(index: index, expected: "a number")
            }
            return .result(result)
        }
    }
}

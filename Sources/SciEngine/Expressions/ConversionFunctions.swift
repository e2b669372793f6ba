import SciLanguage

/// Text turned into numbers, dates and timestamps, and back, by rules that
/// never guess: a text that does not fit is null. Formats and separators
/// are literals, checked when the pipeline is planned.
extension Functions {
    static let conversions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "number", signature: #"number(text[, decimal_separator])"#,
            summary: #"The number a text spells: surrounding spaces, a sign, thousands separators in groups of three ("1,234.5"; with "," as the decimal separator, "1.234,5") and an exponent; null for anything else. Always a decimal."#,
            example: #"entities | take 1 | select a = number(" 1,234.5 "), b = number("1.234,5", ","), c = number("-2e3"), d = number("N/A")"#,
            arity: 1...2, typing: TypingRules.number(text:), evaluate: number),
        FunctionDeclaration(
            name: "date", signature: "date(text[, format])",
            summary: "The date a text spells: without a format 2023-03-27, 2023-03 (a month date), 2023/3/27, 2023.3.27, 2023年3月27日 or 2023年3月; with a format, as it says (%Y %m %d %y %b %j; no day gives a month date). Null when the text does not fit or the date is not real. date(timestamp) is its day.",
            example: #"entities | take 1 | select a = date("2023年3月27日"), b = date("27/03/2023", "%d/%m/%Y"), c = date("2023年3月"), d = date("2023-02-30")"#,
            arity: 1...2, typing: TypingRules.parse(.date), evaluate: { try parseDateOrTimestamp($0, as: .date) }),
        FunctionDeclaration(
            name: "timestamp", signature: "timestamp(text[, format])",
            summary: "The timestamp a text spells: without a format a date (as date() reads it) alone or followed by T or a space and HH:MM:SS or HH:MM; with a format, as it says (%Y %m %d %H %M %S %y %b %j). Null when the text does not fit. timestamp(date) is its midnight.",
            example: #"entities | take 1 | select a = timestamp("2023-03-27 10:00"), b = timestamp("27 Mar 2023, 10.33", "%d %b %Y, %H.%M"), c = timestamp("10:00")"#,
            arity: 1...2, typing: TypingRules.parse(.timestamp), evaluate: { try parseDateOrTimestamp($0, as: .timestamp) }),
    ]

    /// A literal text argument (the planner has checked it is one).
    static func literalText(_ call: FunctionCall, _ index: Int) -> String? {
        guard index < call.arguments.count, case .scalar(.string(let s)) = call.arguments[index] else { return nil }
        return s
    }

    /// Applies `transform` once per distinct text of the first argument.
    static func perText(_ call: FunctionCall, _ transform: @escaping (String) -> Value) throws -> Operand {
        try mapText(FunctionCall(arguments: [call.arguments[0]], argumentRanges: call.argumentRanges, range: call.range, rowCount: call.rowCount), transform)
    }

    static func number(_ call: FunctionCall) throws -> Operand {
        let separator: Character = literalText(call, 1) == "," ? "," : "."
        return try perText(call) { text in NumberText.exact(text, decimalSeparator: separator).map(Value.decimal) ?? .null }
    }

    static func parseDateOrTimestamp(_ call: FunctionCall, as type: ValueType) throws -> Operand {
        let format = try literalText(call, 1).map { try DateFormat($0) }
        switch call.arguments[0].type {
        case .timestamp where type == .date:
            return try rowWise(call, nullGivesNull: true) { values in
                guard case .timestamp(let t) = values[0] else { return .null }
                return .date(t.date)
            }
        case .date where type == .timestamp:
            return try rowWise(call, nullGivesNull: true) { values in
                guard case .date(let d) = values[0] else { return .null }
                return .timestamp(TimestampValue(date: d))
            }
        case type:
            return call.arguments[0]
        default:
            break
        }
        return try perText(call) { text in
            if let format {
                guard let (t, monthOnly) = format.timestamp(text), TimestampValue.range.contains(t.seconds) else { return .null }
                return type == .date ? .date(DateValue(days: Int32(clamping: t.days), monthPrecision: monthOnly)) : .timestamp(t)
            }
            if type == .date { return DateText.date(text).map(Value.date) ?? .null }
            return DateText.timestamp(text).map(Value.timestamp) ?? .null
        }
    }

    /// text(x[, format]): as it would print, or in the format given.
    static func textWithFormat(_ call: FunctionCall) throws -> Operand {
        guard let formatText = literalText(call, 1) else { return try asText(call) }
        let dateFormat = try? DateFormat(formatText)
        let numberFormat = NumberFormat(formatText)
        return try rowWise(call, nullGivesNull: true) { values in
            switch values[0] {
            case .date(let d): return dateFormat.map { .string($0.format(TimestampValue(date: d))) } ?? .null
            case .timestamp(let t): return dateFormat.map { .string($0.format(t)) } ?? .null
            case .integer(let i): return numberFormat.map { .string($0.format(Double(i))) } ?? .null
            case .decimal(let x): return numberFormat.map { .string($0.format(x.double)) } ?? .null
            case .float(let x): return numberFormat.map { .string($0.format(x)) } ?? .null
            default: throw call.typeError(0, expected: "a number, a date or a timestamp")
            }
        }
    }
}

extension TypingRules {
    /// A format argument: a literal text that `check` accepts.
    static func checkFormat(_ arguments: [ArgumentType], _ index: Int, _ check: (String) -> String?) -> Typing? {
        guard index < arguments.count else { return nil }
        guard case .string(let text)? = arguments[index].literal else { return .wrongArgument(index: index, expected: "a format as a literal text, like \"%d/%m/%Y\"") }
        return check(text).map { .badArgument(index: index, message: $0) }
    }

    /// The problem with a date format for reading, or nil.
    static func readingFormatProblem(_ text: String) -> String? {
        do { return try DateFormat(text).readingProblem } catch let invalid as DateFormat.Invalid { return invalid.message } catch { return "invalid format" }
    }

    static func number(text arguments: [ArgumentType]) -> Typing {
        guard let first = arguments.first else { return .invalid("an argument is needed") }
        if first.type != .string, first.type != .null { return .wrongArgument(index: 0, expected: "text") }
        if arguments.count == 2 {
            guard case .string(let separator)? = arguments[1].literal else { return .wrongArgument(index: 1, expected: #"the decimal separator as a literal, "." or ",""#) }
            guard separator == "." || separator == "," else {
                return .badArgument(index: 1, message: #"the decimal separator is "." or ",", not "\#(separator)""#)
            }
        }
        return .result(.decimal)
    }

    /// date(…) and timestamp(…): text with an optional format, or the other kind of time.
    static func parse(_ result: ValueType) -> @Sendable ([ArgumentType]) -> Typing {
        { arguments in
            guard let first = arguments.first else { return .invalid("an argument is needed") }
            switch first.type {
            case .string, .null:
                if let problem = checkFormat(arguments, 1, readingFormatProblem) { return problem }
            case .date, .timestamp:
                if arguments.count == 2 { return .invalid("a format is for reading text; \(result.rawValue)(x) of \(first.type.article) takes none") }
            default:
                return .wrongArgument(index: 0, expected: "text, a date or a timestamp")
            }
            return .result(result)
        }
    }

    /// text(x[, format]): a date format for dates and timestamps, %.Nf for numbers.
    static let textOf: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments.count == 2, let first = arguments.first else { return .result(.string) }
        switch first.type {
        case .date, .timestamp:
            if let problem = checkFormat(arguments, 1, { text in
                do { _ = try DateFormat(text); return nil } catch let invalid as DateFormat.Invalid { return invalid.message } catch { return "invalid format" }
            }) { return problem }
        case .integer, .decimal, .float:
            if let problem = checkFormat(arguments, 1, { NumberFormat($0) == nil ? "\"\($0)\" is not a number format: \(NumberFormat.problem)" : nil }) { return problem }
        case .null:
            break
        default:
            return .wrongArgument(index: 0, expected: "a number, a date or a timestamp (to format)")
        }
        return .result(.string)
    }

    static let dateTrunc: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments.count == 2 else { return .invalid("date_trunc takes a date and a unit") }
        guard [.date, .timestamp, .null].contains(arguments[0].type) else { return .wrongArgument(index: 0, expected: "a date or a timestamp") }
        guard case .string(let unit)? = arguments[1].literal else { return .wrongArgument(index: 1, expected: #"the unit as a literal, "week", "month", "quarter" or "year""#) }
        guard ["week", "month", "quarter", "year"].contains(unit) else {
            return .badArgument(index: 1, message: Suggestion.message("date_trunc's unit is \"week\", \"month\", \"quarter\" or \"year\", not \"\(unit)\"", for: unit, in: ["week", "month", "quarter", "year"]))
        }
        return .result(arguments[0].type)
    }

    static let addMonths: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments.count == 2 else { return .invalid("add_months takes a date and a number of months") }
        guard [.date, .timestamp, .null].contains(arguments[0].type) else { return .wrongArgument(index: 0, expected: "a date or a timestamp") }
        guard [.integer, .null].contains(arguments[1].type) else { return .wrongArgument(index: 1, expected: "a whole number of months") }
        return .result(arguments[0].type)
    }
}

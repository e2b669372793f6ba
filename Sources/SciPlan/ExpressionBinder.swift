import SciEngine
import SciLanguage

/// Resolves the names of an expression against the columns flowing in and
/// checks its types by the engine's rules, so that every name and type
/// error is found before any row is read, with its place in the statement.
struct ExpressionBinder {
    let schema: Schema
    let source: SourceText
    /// Inside summarize: where aggregate calls go, and the group keys that
    /// may stand outside them.
    var summarizing: SummarizeContext?
    /// Inside window: where window functions and aggregates go.
    var windowing: WindowContext?

    /// The aggregates of one summarize output, bound against the rows that
    /// come in; the output itself reads the group table (keys, then one
    /// column per aggregate).
    final class SummarizeContext {
        let groupSchema: Schema
        var calls: [AggregateCall] = []

        init(groupSchema: Schema) {
            self.groupSchema = groupSchema
        }
    }

    /// The window functions and aggregates of a `window` stage's items,
    /// bound against the rows that come in; an item reads each call's
    /// result as the column after the incoming ones.
    final class WindowContext {
        let inputWidth: Int
        var calls: [WindowCall] = []

        init(inputWidth: Int) {
            self.inputWidth = inputWidth
        }
    }

    init(schema: Schema, source: SourceText, summarizing: SummarizeContext? = nil, windowing: WindowContext? = nil) {
        self.schema = schema
        self.source = source
        self.summarizing = summarizing
        self.windowing = windowing
    }

    func bind(_ expression: Expression) throws -> BoundExpression {
        let text = source.slice(expression.range)
        let range = expression.range
        func make(_ kind: BoundExpression.Kind, _ type: ValueType, nullable: Bool) -> BoundExpression {
            BoundExpression(kind, type: type, nullable: nullable, range: range, text: text)
        }
        switch expression.kind {
        case .literal(let literal):
            let value = Value(literal)
            return make(.literal(value), value.type, nullable: value.isNull)
        case .column(let reference):
            if let summarizing {
                // Only a group key may stand outside an aggregate.
                if reference.qualifier == nil, let index = summarizing.groupSchema.names.firstIndex(of: reference.name) {
                    let column = summarizing.groupSchema.columns[index]
                    return make(.column(index), column.type, nullable: column.nullable)
                }
                _ = try schema.resolve(reference, at: range)
                throw Diagnostic(message: "column \"\(reference)\" must be inside an aggregate such as sum(\(reference)), or listed after \"by\"", range: range)
            }
            let index = try schema.resolve(reference, at: range)
            let column = schema.columns[index]
            return make(.column(index), column.type, nullable: column.nullable)
        case .unary(.negate, let inner):
            let operand = try bind(inner)
            guard operand.type == .null || operand.type.isNumeric else {
                throw Diagnostic(message: "cannot negate \(operand.type.article)", range: inner.range)
            }
            return make(.negate(operand), operand.type, nullable: operand.nullable)
        case .unary(.not, let inner):
            let operand = try condition(inner)
            return make(.not(operand), .bool, nullable: operand.nullable)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, make)
        case .membership(let subject, let items, let negated):
            let boundSubject = try bind(subject)
            var boundItems: [BoundExpression] = []
            var nullable = boundSubject.nullable
            for item in items {
                let boundItem = try bind(item)
                try Self.checkComparable(boundSubject, boundItem)
                nullable = nullable || boundItem.nullable
                boundItems.append(boundItem)
            }
            return make(.membership(boundSubject, boundItems, negated: negated), .bool, nullable: nullable)
        case .nullTest(let subject, let negated):
            return make(.nullTest(try bind(subject), negated: negated), .bool, nullable: false)
        case .call(let name, let nameRange, let arguments):
            return try call(name, nameRange, arguments, expression, make)
        case .caseWhen(let arms, let otherwise):
            return try caseWhen(arms, otherwise, make)
        }
    }

    /// `case`: every arm (and else) gives one type, integers and decimals
    /// together giving decimals; a mismatch names the arm and both types.
    func caseWhen(_ arms: [CaseArm], _ otherwise: Expression?, _ make: (BoundExpression.Kind, ValueType, Bool) -> BoundExpression) throws -> BoundExpression {
        var bound: [BoundExpression.Arm] = []
        bound.reserveCapacity(arms.count)
        var type = ValueType.null
        var typeFrom = ""
        var nullable = otherwise == nil
        func unify(_ value: BoundExpression, _ name: String, _ range: SourceRange) throws {
            nullable = nullable || value.nullable
            if value.type == .null || value.type == type { return }
            if type == .null { type = value.type; typeFrom = name; return }
            // Numbers mix as elsewhere: integers with decimals give decimals, a float gives a float.
            if type.isNumeric && value.type.isNumeric { type = type == .float || value.type == .float ? .float : .decimal; return }
            throw Diagnostic(message: "case needs one type from every arm, but \(name) gives \(value.type.article) and \(typeFrom) gives \(type.article)", range: range)
        }
        for (index, arm) in arms.enumerated() {
            let condition = try condition(arm.condition)
            let value = try bind(arm.value)
            try unify(value, "arm \(index + 1)", arm.value.range)
            bound.append(BoundExpression.Arm(condition: condition, value: value))
        }
        let boundOtherwise = try otherwise.map { try bind($0) }
        if let boundOtherwise, let otherwise { try unify(boundOtherwise, "else", otherwise.range) }
        return make(.caseWhen(bound, otherwise: boundOtherwise), type, nullable)
    }

    /// An expression that must be true/false (or null).
    func condition(_ expression: Expression) throws -> BoundExpression {
        let bound = try bind(expression)
        guard bound.type == .bool || bound.type == .null else {
            throw Diagnostic(message: "a condition must be true or false, but this is \(bound.type.article)", range: expression.range)
        }
        return bound
    }

    func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ make: (BoundExpression.Kind, ValueType, Bool) -> BoundExpression) throws -> BoundExpression {
        switch op {
        case .and, .or:
            let a = try condition(left), b = try condition(right)
            return make(.binary(op, a, b), .bool, a.nullable || b.nullable)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let a = try bind(left), b = try bind(right)
            try Self.checkComparable(a, b)
            return make(.binary(op, a, b), .bool, a.nullable || b.nullable)
        case .contains, .startsWith, .endsWith, .matches:
            let a = try bind(left), b = try bind(right)
            if a.type != .null, b.type != .null {
                guard a.type == .string else {
                    throw Diagnostic(message: "\(op.rawValue) needs text on its left, but this is \(a.type.article)", range: left.range)
                }
                guard b.type == .string else {
                    throw Diagnostic(message: "\(op.rawValue) needs text on its right, but this is \(b.type.article)", range: right.range)
                }
            }
            if op == .matches, case .literal(.string(let pattern)) = b.kind {
                do { _ = try Regex(pattern) } catch {
                    throw Diagnostic(message: "invalid regular expression \"\(pattern)\": \(error)", range: right.range)
                }
            }
            return make(.binary(op, a, b), .bool, a.nullable || b.nullable)
        case .add, .subtract, .multiply, .divide, .remainder:
            let a = try bind(left), b = try bind(right)
            let type = try Self.arithmeticType(op, a.type, b.type, range: left.range.union(right.range))
            // Division and remainder by zero give null.
            let nullable = a.nullable || b.nullable || op == .divide || op == .remainder
            return make(.binary(op, a, b), type, nullable)
        }
    }

    /// The engine's rules for `+ - * / %` (see `Arithmetic`).
    static func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType, range: SourceRange) throws -> ValueType {
        func mismatch() -> Diagnostic {
            Diagnostic(message: "cannot apply \"\(op.rawValue)\" to \(a.article) and \(b.article)", range: range)
        }
        if a == .null || b == .null {
            let allowed: Set<ValueType> = [.null, .integer, .decimal, .float, .date, .timestamp, .string]
            guard allowed.contains(a), allowed.contains(b) else { throw mismatch() }
            return .null
        }
        switch (a, b) {
        case (.integer, .integer): return op == .divide ? .decimal : .integer
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal): return .decimal
        case (.float, _) where b.isNumeric, (_, .float) where a.isNumeric: return .float
        case (.date, .date) where op == .subtract: return .integer
        case (.date, .integer) where op == .add || op == .subtract, (.integer, .date) where op == .add: return .date
        case (.timestamp, .timestamp) where op == .subtract: return .integer
        case (.string, .string) where op == .add: return .string
        default: throw mismatch()
        }
    }

    /// The engine's rules for `== != < <= > >=` and `in` (see `Comparison`):
    /// a date compares with a date, or with a string literal that spells one.
    static func checkComparable(_ a: BoundExpression, _ b: BoundExpression) throws {
        if a.type == .null || b.type == .null || a.type == b.type { return }
        if a.type.isNumeric && b.type.isNumeric { return }
        // A date compares with a timestamp as its midnight.
        if Set([a.type, b.type]) == [.date, .timestamp] { return }
        for (date, other) in [(a, b), (b, a)] where date.type == .date && other.type == .string {
            guard case .literal(.string(let text)) = other.kind, DateValue.parse(text) != nil else {
                throw Diagnostic(message: "cannot compare a date with a string; write a date as @2023-03-27", range: other.range)
            }
            return
        }
        throw Diagnostic(message: "cannot compare \(a.type.article) with \(b.type.article)", range: a.range.union(b.range))
    }

    func call(_ name: String, _ nameRange: SourceRange, _ arguments: [Expression], _ expression: Expression,
              _ make: (BoundExpression.Kind, ValueType, Bool) -> BoundExpression) throws -> BoundExpression {
        if let windowing, let function = WindowFunctions.declaration(named: name) {
            return try windowCall(.window(function), arity: function.arity, signature: function.signature, arguments, expression, windowing) {
                function.typing($0)
            }
        }
        if let windowing, let declared = Aggregates.declaration(named: name), Functions.declaration(named: name) == nil {
            let aggregate = try withParameter(declared, arguments)
            return try windowCall(.aggregate(aggregate), arity: aggregate.arity, signature: aggregate.signature, arguments, expression, windowing) {
                aggregate.typing($0.first?.type)
            }
        }
        if WindowFunctions.declaration(named: name) != nil, Aggregates.declaration(named: name) == nil {
            throw Diagnostic(message: "\(name)() is a window function; use it inside window", range: nameRange)
        }
        if let aggregate = Aggregates.declaration(named: name), Functions.declaration(named: name) == nil {
            guard let summarizing else {
                throw Diagnostic(message: "\(name)() is an aggregate; use it inside summarize (or window, over each row's partition)", range: nameRange)
            }
            return try aggregateCall(aggregate, arguments, expression, summarizing)
        }
        guard let function = Functions.declaration(named: name) else {
            let known = Functions.all.map(\.name) + (summarizing == nil ? [] : Aggregates.all.map(\.name))
            throw Diagnostic(message: Suggestion.message("unknown function \"\(name)\"", for: name, in: known), range: nameRange)
        }
        guard function.arity.contains(arguments.count) else {
            throw Diagnostic(message: "\(name) takes \(function.arityDescription), not \(arguments.count): \(function.signature)", range: expression.range)
        }
        let bound = try arguments.map { try bind($0) }
        let types = bound.map { argument -> ArgumentType in
            if case .literal(let value) = argument.kind { return ArgumentType(type: argument.type, literal: value) }
            return ArgumentType(type: argument.type)
        }
        switch function.typing(types) {
        case .result(let type):
            // Functions give null for null input, and some for more (day of a month date).
            return make(.call(function, bound), type, true)
        case .wrongArgument(let index, let expected):
            throw Diagnostic(message: "expected \(expected), but this is \(bound[index].type.article)", range: arguments[index].range)
        case .badArgument(let index, let message):
            throw Diagnostic(message: message, range: arguments[index].range)
        case .invalid(let message):
            throw Diagnostic(message: message, range: expression.range)
        }
    }

    func aggregateCall(_ aggregate: AggregateDeclaration, _ arguments: [Expression], _ expression: Expression, _ context: SummarizeContext) throws -> BoundExpression {
        guard aggregate.arity.contains(arguments.count) else {
            let arity = aggregate.arity.lowerBound == aggregate.arity.upperBound ? "\(aggregate.arity.lowerBound)" : "\(aggregate.arity.lowerBound) or \(aggregate.arity.upperBound)"
            throw Diagnostic(message: "\(aggregate.name) takes \(arity) argument(s): \(aggregate.signature)", range: expression.range)
        }
        for argument in arguments where Self.containsAggregate(argument) {
            throw Diagnostic(message: "an aggregate cannot contain another aggregate", range: argument.range)
        }
        // The argument reads the rows that come in, not the groups.
        let inner = ExpressionBinder(schema: schema, source: source, summarizing: nil)
        let argument = try arguments.first.map { try inner.bind($0) }
        let aggregate = try withParameter(aggregate, arguments)
        let type: ValueType
        switch aggregate.typing(argument?.type) {
        case .result(let result): type = result
        case .wrongArgument(_, let expected):
            throw Diagnostic(message: "\(aggregate.name) needs \(expected)", range: expression.range)
        case .badArgument(_, let message):
            throw Diagnostic(message: message, range: expression.range)
        case .invalid(let message):
            throw Diagnostic(message: message, range: expression.range)
        }
        let index = context.groupSchema.columns.count + context.calls.count
        context.calls.append(AggregateCall(declaration: aggregate, argument: argument, range: expression.range, type: type))
        let nullable = aggregate.name != "count" && aggregate.name != "count_distinct"
        return BoundExpression(.column(index), type: type, nullable: nullable, range: expression.range, text: source.slice(expression.range))
    }

    /// An aggregate whose second argument must be written out (percentile's
    /// fraction, string_agg's separator), with that value checked and fixed.
    func withParameter(_ aggregate: AggregateDeclaration, _ arguments: [Expression]) throws -> AggregateDeclaration {
        guard let parameter = aggregate.parameter, arguments.count >= 2 else { return aggregate }
        let given = arguments[1]
        let bound = try ExpressionBinder(schema: schema, source: source).bind(given)
        guard case .literal(let value) = bound.kind else {
            throw Diagnostic(message: "\(aggregate.name)'s second argument must be written out (\(aggregate.signature)), not computed from the rows", range: given.range)
        }
        if let problem = parameter.check(value) { throw Diagnostic(message: problem, range: given.range) }
        return aggregate.binding(value)
    }

    func windowCall(_ function: WindowCall.Function, arity: ClosedRange<Int>, signature: String, _ arguments: [Expression], _ expression: Expression,
                    _ context: WindowContext, typing: ([ArgumentType]) -> Typing) throws -> BoundExpression {
        let name = source.slice(expression.range).prefix { $0 != "(" }
        guard arity.contains(arguments.count) else {
            throw Diagnostic(message: "\(name) takes \(FunctionDeclaration.describe(arity)), not \(arguments.count): \(signature)", range: expression.range)
        }
        for argument in arguments where Self.containsWindowCall(argument) {
            throw Diagnostic(message: "a window function or aggregate cannot contain another", range: argument.range)
        }
        // The arguments read the rows that come in.
        let inner = ExpressionBinder(schema: schema, source: source)
        let bound = try arguments.map { try inner.bind($0) }
        let types = bound.map { argument -> ArgumentType in
            if case .literal(let value) = argument.kind { return ArgumentType(type: argument.type, literal: value) }
            return ArgumentType(type: argument.type)
        }
        let type: ValueType
        switch typing(types) {
        case .result(let result): type = result
        case .wrongArgument(let index, let expected):
            throw Diagnostic(message: "expected \(expected), but this is \(bound[index].type.article)", range: arguments[index].range)
        case .badArgument(let index, let message):
            throw Diagnostic(message: message, range: arguments[index].range)
        case .invalid(let message):
            throw Diagnostic(message: message, range: expression.range)
        }
        let index = context.inputWidth + context.calls.count
        context.calls.append(WindowCall(function: function, arguments: bound, range: expression.range, type: type))
        return BoundExpression(.column(index), type: type, nullable: true, range: expression.range, text: source.slice(expression.range))
    }

    static func containsWindowCall(_ expression: Expression) -> Bool {
        contains(expression, callTo: { WindowFunctions.declaration(named: $0) != nil || Aggregates.declaration(named: $0) != nil })
    }

    static func containsAggregate(_ expression: Expression) -> Bool {
        contains(expression, callTo: { Aggregates.declaration(named: $0) != nil })
    }

    /// Whether the expression calls a function whose name `matches`, anywhere in it.
    static func contains(_ expression: Expression, callTo matches: (String) -> Bool) -> Bool {
        switch expression.kind {
        case .call(let name, _, let arguments):
            return matches(name) || arguments.contains { contains($0, callTo: matches) }
        case .unary(_, let inner): return contains(inner, callTo: matches)
        case .binary(_, let a, let b): return contains(a, callTo: matches) || contains(b, callTo: matches)
        case .membership(let s, let items, _): return contains(s, callTo: matches) || items.contains { contains($0, callTo: matches) }
        case .nullTest(let s, _): return contains(s, callTo: matches)
        case .caseWhen(let arms, let otherwise):
            return arms.contains { contains($0.condition, callTo: matches) || contains($0.value, callTo: matches) }
                || otherwise.map { contains($0, callTo: matches) } == true
        case .column, .literal: return false
        }
    }
}

import SciLanguage

/// A table: named, typed columns of equal length.
public struct Table: Sendable {
    /// A column's name, and the table it came from (for `table.column`
    /// references after a join).
    public struct Field: Sendable, Equatable {
        public var name: String
        public var origin: String?

        public init(name: String, origin: String? = nil) {
            self.name = name
            self.origin = origin
        }
    }

    public private(set) var fields: [Field]
    public private(set) var columns: [Column]
    public private(set) var rowCount: Int

    public init(fields: [Field], columns: [Column], rowCount: Int) {
        self.fields = fields
        self.columns = columns
        self.rowCount = rowCount
    }

    /// A table whose columns all come from `origin`.
    public init(named origin: String?, columns: [(String, Column)]) {
        self.fields = columns.map { Field(name: $0.0, origin: origin) }
        self.columns = columns.map(\.1)
        self.rowCount = columns.first?.1.count ?? 0
    }

    public var columnNames: [String] { fields.map(\.name) }

    public func column(named name: String) -> Column? {
        fields.firstIndex { $0.name == name }.map { columns[$0] }
    }

    public subscript(row: Int, column: Int) -> Value { columns[column][row] }

    /// Finds the column a reference names. `name` matches a column of that
    /// name; `t.name` matches a column named `t.name` or a column `name` that
    /// came from table `t`. Unknown names get a suggestion, ambiguous ones
    /// list their qualified spellings.
    public func resolve(_ reference: ColumnName, at range: SourceRange) throws -> Int {
        try Self.resolve(reference, in: fields, at: range)
    }

    /// The rules of `resolve`, for any list of fields (a planned schema too).
    public static func resolve(_ reference: ColumnName, in fields: [Field], at range: SourceRange) throws -> Int {
        if let qualifier = reference.qualifier {
            let full = "\(qualifier).\(reference.name)"
            if let index = fields.firstIndex(where: { $0.name == full }) { return index }
            if let index = fields.firstIndex(where: { $0.name == reference.name && $0.origin == qualifier }) { return index }
        } else {
            if let index = fields.firstIndex(where: { $0.name == reference.name }) { return index }
            let qualified = fields.indices.filter { fields[$0].name.hasSuffix(".\(reference.name)") }
            if qualified.count == 1 { return qualified[0] }
            if qualified.count > 1 {
                let spellings = qualified.map { fields[$0].name }.joined(separator: " or ")
                throw Diagnostic(message: "column \"\(reference.name)\" is ambiguous after the join; write \(spellings)", range: range)
            }
        }
        let message = Suggestion.message("unknown column \"\(reference)\"", forName: reference.description, in: fields.map(\.name))
        throw Diagnostic(message: message, range: range)
    }

    public mutating func setColumn(_ name: String, _ column: Column) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            columns[index] = column
        } else {
            fields.append(Field(name: name))
            columns.append(column)
        }
        if columns.count == 1 { rowCount = column.count }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Table {
        Table(fields: fields, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }

    public func prefix(_ n: Int) -> Table {
        if n >= rowCount { return self }
        return Table(fields: fields, columns: columns.map { $0.prefix(n) }, rowCount: n)
    }

    /// The same rows under other names (used by `.import … as`).
    public func withOrigin(_ origin: String?) -> Table {
        Table(fields: fields.map { Field(name: $0.name, origin: origin) }, columns: columns, rowCount: rowCount)
    }

    /// Selects columns by index.
    public func projecting(_ indices: [Int]) -> Table {
        Table(fields: indices.map { fields[$0] }, columns: indices.map { columns[$0] }, rowCount: rowCount)
    }
}

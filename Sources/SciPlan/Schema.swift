import SciEngine
import SciLanguage

/// One column as the planner knows it before any row is read.
public struct PlanColumn: Sendable, Equatable {
    public var name: String
    /// The table it came from, for `table.column` after a join.
    public var origin: String?
    public var type: ValueType
    /// False when no row can be null.
    public var nullable: Bool

    public init(name: String, origin: String? = nil, type: ValueType, nullable: Bool = true) {
        self.name = name
        self.origin = origin
        self.type = type
        self.nullable = nullable
    }

    public var field: Table.Field { Table.Field(name: name, origin: origin) }
}

/// The columns a plan node gives, in order.
public struct Schema: Sendable, Equatable {
    public var columns: [PlanColumn]

    public init(_ columns: [PlanColumn]) {
        self.columns = columns
    }

    /// The schema of rows already in memory: types from the columns, and
    /// nullable only where a column has a null.
    public init(of table: Table) {
        columns = zip(table.fields, table.columns).map { field, column in
            PlanColumn(name: field.name, origin: field.origin, type: column.type, nullable: column.type == .null || column.nulls != nil)
        }
    }

    public var names: [String] { columns.map(\.name) }
    public var fields: [Table.Field] { columns.map(\.field) }

    /// The column a reference names, by the same rules as a table's.
    public func resolve(_ reference: ColumnName, at range: SourceRange) throws -> Int {
        try Table.resolve(reference, in: fields, at: range)
    }

    /// The same columns, all of them from `origin`.
    public func withOrigin(_ origin: String?) -> Schema {
        Schema(columns.map { PlanColumn(name: $0.name, origin: origin, type: $0.type, nullable: $0.nullable) })
    }
}

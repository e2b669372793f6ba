extension Table {
    /// `gather`, a column at a time with a look at Ctrl-C between columns:
    /// a wide result of millions of rows stops between two of them.
    public func gatherChecked(_ indices: [Int]) throws -> Table {
        var gathered: [Column] = []
        gathered.reserveCapacity(columns.count)
        for column in columns {
            try Cancellation.check()
            gathered.append(column.gather(indices))
        }
        return Table(fields: fields, columns: gathered, rowCount: indices.count)
    }
}

import SciEngine

/// The rows of a JSON file as one list of values per key, filled as the
/// objects are parsed (no row is ever held as a list of its own): keys in
/// order of first appearance, null where a row lacks one, and a key given
/// twice in one object keeps its first value.
struct JSONColumns {
    var names: [String] = []
    var index: [String: Int] = [:]
    var values: [[Value]] = []
    var rowCount = 0
    /// The row (plus one) each column last had a value in.
    var filled: [Int] = []
    /// The previous row's columns in its order: rows usually repeat their
    /// keys in the same order, so a key is compared with one name, not hashed.
    var order: [Int] = []
    var position = 0

    /// Each name's UTF-8, to compare a key's bytes with.
    var nameBytes: [[UInt8]] = []

    /// The column the previous row had at this place, if its name has
    /// these bytes.
    mutating func predicted(_ key: ArraySlice<UInt8>) -> Int? {
        guard position < order.count, nameBytes[order[position]].elementsEqual(key) else { return nil }
        position += 1
        return order[position - 1]
    }

    /// The column of `key`, the object's `position`-th key.
    mutating func column(_ key: String) -> Int {
        defer { position += 1 }
        if position < order.count, names[order[position]] == key { return order[position] }
        if let known = index[key] { return known }
        let made = names.count
        names.append(key)
        nameBytes.append(Array(key.utf8))
        index[key] = made
        values.append([Value](repeating: .null, count: rowCount))
        filled.append(0)
        return made
    }

    mutating func append(_ value: Value, to column: Int) {
        guard filled[column] != rowCount + 1 else { return }
        filled[column] = rowCount + 1
        values[column].append(value)
        if position - 1 < order.count { order[position - 1] = column } else { order.append(column) }
    }

    mutating func endRow() {
        rowCount += 1
        if position < order.count { order.removeLast(order.count - position) }
        position = 0
        for column in values.indices where filled[column] != rowCount { values[column].append(.null) }
    }
}

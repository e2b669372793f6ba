/// Orders rows. Every key column becomes one Int64 per row whose integer
/// order is the values' order (text by code point, via dictionary ranks), so
/// the sort itself only ever compares integers. The sort is stable and puts
/// nulls last in either direction.
enum SortKeys {
    /// Order-preserving integer keys; values under null flags are arbitrary.
    static func orderKeys(_ column: Column) throws -> [Int64] {
        switch column.compacted().storage {
        case .integer(let v): return v
        case .decimal(let v, _): return v
        case .float(let v):
            // IEEE order as signed integer order.
            return v.map { d in
                let bits = Int64(bitPattern: (d == 0 ? 0.0 : d).bitPattern)
                return bits < 0 ? bits ^ Int64.max : bits
            }
        case .date(let v): return v.map { Int64($0.encoded) }
        case .timestamp(let v): return v.map(\.seconds)
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .string(let codes, let dictionary):
            let ranks = try dictionary.ranks()
            return codes.map { Int64(ranks[Int($0)]) }
        case .null(let n): return [Int64](repeating: 0, count: n)
        }
    }

    struct Key {
        var values: [Int64]
        var nulls: [Bool]?
        var descending: Bool
        /// Set when `values` are a text column's codes rather than ranks:
        /// rows are compared by the strings' bytes (descending not folded
        /// into the values). Ranking a million distinct strings costs more
        /// than the few thousand comparisons a `sort | take N` heap makes.
        var dictionary: StringDictionary? = nil
    }

    /// `ranked: false` leaves text as codes compared through the dictionary:
    /// for a bounded heap, not for a full sort.
    static func keys(_ columns: [(Column, Bool)], ranked: Bool = true) throws -> [Key] {
        try columns.map { column, descending in
            try Cancellation.check()
            if !ranked, case .string(let codes, let dictionary) = column.storage {
                return Key(values: codes.map(Int64.init), nulls: column.nulls, descending: descending, dictionary: dictionary)
            }
            let values = try orderKeys(column)
            let nulls: [Bool]? = column.type == .null ? [Bool](repeating: true, count: column.count) : column.nulls
            return Key(values: descending ? values.map { ~$0 } : values, nulls: nulls, descending: descending)
        }
    }

    /// Whether row `a` comes before row `b`; equal keys keep the rows'
    /// order unless `tieBreak` is off (then equal keys are not less).
    @inline(__always)
    static func less(_ keys: [Key], _ a: Int, _ b: Int, tieBreak: Bool = true) -> Bool {
        for key in keys {
            let an = key.nulls?[a] ?? false
            let bn = key.nulls?[b] ?? false
            if an != bn { return bn }
            if an { continue }
            let x = key.values[a], y = key.values[b]
            if x != y {
                guard let dictionary = key.dictionary else { return x < y }
                // Different codes of a plain list can be equal strings.
                let order = dictionary.compare(Int(x), Int(y))
                if order != 0 { return key.descending ? order > 0 : order < 0 }
            }
        }
        return tieBreak && a < b
    }

    /// All rows in order.
    /// Throws `Interrupted` on Ctrl-C (checked every few thousand comparisons).
    static func sortedRows(_ keys: [Key], rowCount: Int) throws -> [Int] {
        var comparisons = 0
        if keys.count == 1, keys[0].nulls == nil {
            // One key, no nulls: sort (key, row) pairs, which is stable by construction.
            let values = keys[0].values
            var pairs = (0..<rowCount).map { (values[$0], $0) }
            try pairs.sort {
                try Cancellation.check(row: comparisons)
                comparisons &+= 1
                return $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1
            }
            return pairs.map(\.1)
        }
        var rows = Array(0..<rowCount)
        try rows.sort {
            try Cancellation.check(row: comparisons)
            comparisons &+= 1
            return less(keys, $0, $1)
        }
        return rows
    }

    /// The first `limit` rows in order, without sorting the rest: a bounded
    /// heap keeps `sort … | take N` fast on millions of rows.
    static func topRows(_ keys: [Key], rowCount: Int, limit: Int) throws -> [Int] {
        if limit <= 0 { return [] }
        if limit * 8 >= rowCount { return Array(try sortedRows(keys, rowCount: rowCount).prefix(limit)) }
        if keys.count == 1, keys[0].dictionary == nil { return try topRows(singleKey: keys[0], rowCount: rowCount, limit: limit) }
        // Max-heap by order: the root is the worst row kept so far.
        var heap: [Int] = []
        heap.reserveCapacity(limit)
        func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                if less(keys, heap[parent], heap[child]) {
                    heap.swapAt(parent, child)
                    child = parent
                } else { return }
            }
        }
        func siftDown() {
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= heap.count { return }
                var largest = left
                if left + 1 < heap.count, less(keys, heap[left], heap[left + 1]) { largest = left + 1 }
                if less(keys, heap[parent], heap[largest]) {
                    heap.swapAt(parent, largest)
                    parent = largest
                } else { return }
            }
        }
        // A first text key is prefiltered on eight-byte prefixes: a row
        // whose prefix is already worse than the worst kept row's is out
        // without reading its string (most rows, once the heap is full).
        let first = keys[0]
        let prefixes = try first.dictionary.flatMap { $0.count <= 2 * rowCount ? try TextPrefixes($0) : nil }
        var worstPrefix: UInt64? = nil
        func notePrefix() {
            guard let prefixes, let root = heap.first, !(first.nulls?[root] ?? false) else { worstPrefix = nil; return }
            worstPrefix = prefixes.of(first.values[root])
        }
        for row in 0..<rowCount {
            try Cancellation.check(row: row)
            if heap.count < limit {
                heap.append(row)
                siftUp(heap.count - 1)
                if heap.count == limit { notePrefix() }
                continue
            }
            if let worstPrefix, let prefixes, !(first.nulls?[row] ?? false), let prefix = prefixes.of(first.values[row]),
               first.descending ? prefix < worstPrefix : prefix > worstPrefix {
                continue
            }
            if less(keys, row, heap[0]) {
                heap[0] = row
                siftDown()
                notePrefix()
            }
        }
        return heap.sorted { less(keys, $0, $1) }
    }

    /// The common case, one key: a heap of (key, row) pairs compared inline;
    /// nulls, which sort last, fill in only if too few rows have a value.
    static func topRows(singleKey key: Key, rowCount: Int, limit: Int) throws -> [Int] {
        var heap: [(Int64, Int)] = []
        heap.reserveCapacity(limit)
        @inline(__always) func worse(_ a: (Int64, Int), _ b: (Int64, Int)) -> Bool {
            a.0 != b.0 ? a.0 > b.0 : a.1 > b.1
        }
        try key.values.withUnsafeBufferPointer { values in
            for row in 0..<rowCount {
                try Cancellation.check(row: row)
                if let nulls = key.nulls, nulls[row] { continue }
                let entry = (values[row], row)
                if heap.count < limit {
                    heap.append(entry)
                    var child = heap.count - 1
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard worse(heap[child], heap[parent]) else { break }
                        heap.swapAt(child, parent)
                        child = parent
                    }
                } else if worse(heap[0], entry) {
                    heap[0] = entry
                    var parent = 0
                    while true {
                        let left = 2 * parent + 1
                        if left >= heap.count { break }
                        var largest = left
                        if left + 1 < heap.count, worse(heap[left + 1], heap[left]) { largest = left + 1 }
                        guard worse(heap[largest], heap[parent]) else { break }
                        heap.swapAt(parent, largest)
                        parent = largest
                    }
                }
            }
        }
        var rows = heap.sorted { worse($1, $0) }.map(\.1)
        if rows.count < limit, let nulls = key.nulls {
            for row in 0..<rowCount where nulls[row] {
                rows.append(row)
                if rows.count == limit { break }
            }
        }
        return rows
    }
}

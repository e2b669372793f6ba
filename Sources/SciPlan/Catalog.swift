import SciEngine
import SciLanguage

/// What the planner and the executor may ask of the session: the schemas of
/// tables and files before anything is read, and the rows when the plan
/// runs. The shell's session implements it; the engine reads no files.
public protocol Catalog {
    /// A table's columns; an unknown name is an error with a suggestion.
    func schema(ofTable name: String, at range: SourceRange) throws -> Schema
    /// A file's columns, from its header and a look at its first rows
    /// (never the whole file).
    func schema(ofFile path: String, at range: SourceRange) throws -> Schema
    func table(named name: String, at range: SourceRange) throws -> Table
    /// Reads a file; `columns`, when given, are the only ones built.
    func load(path: String, columns: Set<String>?, at range: SourceRange) throws -> Table
    /// A file read a block of rows at a time with the given types (one
    /// larger than a block: one pass over each block with its types known
    /// is faster than a whole read, and holds less); nil when the catalog
    /// reads it whole (a small file, JSON, standard input, a file already
    /// read). `onlyWhenLarge`: only a file too large to read whole.
    func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)?
}

/// A file's rows a block at a time, each block with the same columns.
public protocol RowBlocks: AnyObject {
    /// The next block, or nil after the last.
    func next() throws -> Table?
}

extension Catalog {
    /// By default every file is read whole.
    public func blocks(path: String, columns: Set<String>?, types: [String: ValueType], onlyWhenLarge: Bool, at range: SourceRange) throws -> (any RowBlocks)? { nil }
}

/// `sample N [seed S]`: N rows drawn at random, kept in their incoming order;
/// the same seed draws the same rows.
///
/// Each row's rank in the draw is a hash of the seed and the row's position
/// (from 1), computed with the integer arithmetic every SQL engine has —
/// no product reaches 2^62 — so the SQL a sample compiles to draws the same
/// rows on DuckDB, Spark, PostgreSQL and SQLite. The rows with the N lowest
/// ranks are drawn (ties: the earlier row).
public enum SampleDraw {
    /// A prime below 2^31: every step is reduced modulo it.
    public static let modulus: Int64 = 2_147_483_647
    public static let multiplier: Int64 = 48_271
    public static let offset: Int64 = 12_345
    public static let mixer: Int64 = 16_807

    /// A seed as the draw uses it.
    public static func reduced(_ seed: UInt64) -> Int64 { Int64(seed % UInt64(modulus)) }

    /// The first step: affine in the position, so every position differs.
    public static func scatter(position: Int64, seed: Int64) -> Int64 {
        (position % modulus * multiplier + seed) % modulus
    }

    /// The rank: a square mixes the first step, so nearby rows part.
    public static func rank(_ scattered: Int64) -> Int64 {
        ((scattered * scattered + offset) % modulus * mixer + scattered) % modulus
    }

    public static func rank(position: Int64, seed: Int64) -> Int64 {
        rank(scatter(position: position, seed: seed))
    }
}

extension Stages {
    public static func sample(_ table: Table, _ n: Int, seed: UInt64?) -> Table {
        guard n < table.rowCount else { return table }
        let s = SampleDraw.reduced(seed ?? UInt64.random(in: 0...UInt64.max))
        // Rank and row in one integer (ranks are below 2^31, rows below 2^32).
        var ranked = (0..<table.rowCount).map { row in SampleDraw.rank(position: Int64(row) + 1, seed: s) << 32 | Int64(row) }
        ranked.sort()
        return table.gather(ranked.prefix(n).map { Int($0 & 0xFFFF_FFFF) }.sorted())
    }
}

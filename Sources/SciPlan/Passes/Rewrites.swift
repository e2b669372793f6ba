/// The plan-to-plan rewrites that make a plan faster without changing its
/// rows. Each is a pass of its own; the property tests run pipelines with
/// and without each and compare.
public struct Rewrites: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Build and carry only the columns later stages read.
    public static let projectionPushdown = Rewrites(rawValue: 1)
    /// `sort … | take N` as a bounded heap instead of a full sort.
    public static let topN = Rewrites(rawValue: 2)

    public static let all: Rewrites = [.projectionPushdown, .topN]

    /// The plan with these rewrites applied, in a fixed order.
    public func apply(to plan: Plan) -> Plan {
        var result = plan
        if contains(.topN) { result = TopN.rewrite(result) }
        if contains(.projectionPushdown) { result = ProjectionPushdown.rewrite(result) }
        return result
    }
}

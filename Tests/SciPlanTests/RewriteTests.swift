import SciEngine
import SciPlan
import Testing

/// Each rewrite, on its own: what it changes in the plan.
@Suite struct RewriteTests {
    @Test func projectionPushdownNarrowsTheSourceAndRenumbersTheExpressions() throws {
        let catalog = RecordingCatalog()
        let planned = try catalog.plan(#"load "big.csv" | where day > @2023-01-01 | select note, total"#)
        guard case .select(let input, let expressions) = planned.plan.node, case .filter(let source, _) = input.node,
              case .load(_, let columns) = source.node else {
            Issue.record("unexpected plan shape")
            return
        }
        #expect(columns == ["day", "note", "total"])
        #expect(source.schema.names == ["total", "day", "note"])
        #expect(expressions.map { if case .column(let index) = $0.kind { return index } else { return -1 } } == [2, 0])
        let unrewritten = try catalog.plan(#"load "big.csv" | where day > @2023-01-01 | select note, total"#, rewrites: [])
        guard case .select(let input2, _) = unrewritten.plan.node, case .filter(let source2, _) = input2.node,
              case .load(_, let none) = source2.node else {
            Issue.record("unexpected plan shape")
            return
        }
        #expect(none == nil)
    }

    @Test func distinctOfWholeRowsKeepsEveryColumn() throws {
        let planned = try RecordingCatalog().plan(#"load "big.csv" | distinct | count"#)
        guard case .count(let distinct) = planned.plan.node, case .distinct(let source, nil) = distinct.node,
              case .load(_, let columns) = source.node else {
            Issue.record("unexpected plan shape")
            return
        }
        #expect(columns == nil)
    }

    @Test func topNOnlyWhereTakeFollowsSort() throws {
        let catalog = RecordingCatalog()
        guard case .sort(_, _, let limit) = try catalog.plan("projects | sort value | take 2").plan.node else {
            Issue.record("expected one sort node")
            return
        }
        #expect(limit == 2)
        guard case .take = try catalog.plan("projects | sort value | where year > 1 | take 2").plan.node else {
            Issue.record("a where between sort and take must stay")
            return
        }
    }

    @Test func sortThenTakeByIsOneTopPerGroupNode() throws {
        let catalog = RecordingCatalog()
        guard case .topPerGroup(_, _, let n, let groups) = try catalog.plan("projects | sort value desc | take 2 by district").plan.node else {
            Issue.record("expected one top-per-group node")
            return
        }
        #expect(n == 2 && groups.count == 1)
        guard case .takePerGroup = try catalog.plan("projects | sort value desc | take 2 by district", rewrites: []).plan.node else {
            Issue.record("without the rewrite, take by stays")
            return
        }
    }
}

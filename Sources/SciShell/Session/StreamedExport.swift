import SciEngine
import SciIO
import SciLanguage
import SciPlan

extension Session {
    /// Writes the export a block at a time where the plan streams its file;
    /// the rows written, or nil (nothing written) where it does not.
    func exportInBlocks(_ planned: PlannedPipeline, _ runner: PipelineRunner, _ request: ExportRequest, _ options: OutputOptions) throws -> Int? {
        struct NotStreamed: Error {}
        let interrupted = environment.isInterrupted
        var rows: Int?
        do {
            try FileSystem.writeAtomically(request.path) { write in
                let write = faulty(write, path: request.path)
                var parts = TableParts(options: options) { chunk in
                    if interrupted() { throw Interrupted() }
                    try write(chunk)
                }
                guard try runner.runInParts(planned, { try parts.write($0) }) else { throw NotStreamed() }
                let schema = planned.plan.schema
                try parts.finish(empty: Table(fields: schema.fields, columns: schema.columns.map { Column.nulls(of: $0.type, count: 0) }, rowCount: 0))
                rows = parts.rowCount
            }
        } catch is NotStreamed {
            return nil
        } catch var diagnostic as Diagnostic {
            if diagnostic.range == nil { diagnostic.range = request.pathRange }
            throw diagnostic
        }
        return rows
    }
}

import SciEngine
import SciIO
import SciLanguage

/// A result taller than the terminal goes through a pager — `$PAGER`, or
/// `less -SRFX` (chop long lines and scroll sideways, keep colour, quit at
/// once if it fits, leave the text on the screen) — whole, at full width,
/// instead of being cut. `.pager off` turns it off; `.maxrows` and
/// `.maxwidth` cut instead, for those who prefer that.
enum Pager {
    /// Chop long lines, keep colour, quit at once if it fits, leave the text.
    static let lessOptions = "SRFX"
    static let defaultCommand = "less -" + lessOptions

    /// The rows a terminal shows before cutting (nil: no cut).
    static func rowLimit(_ settings: SessionSettings) -> Int? {
        if let rows = settings.maxRows { return rows > 0 ? rows : nil }
        return settings.pager ? nil : cutRows
    }

    /// The command to page with; nil when `$PAGER` is set empty.
    static func command(_ environment: ShellEnvironment) -> String? {
        guard let pager = environment.variables["PAGER"] else { return defaultCommand }
        let trimmed = pager.trimmingCharacters(of: " \t")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// What became of a result offered to the pager.
    enum Outcome {
        /// Shown through the pager.
        case paged
        /// Not for the pager: it fits, the pager is off, or the format is not a table.
        case notPaged
        /// The pager could not be run (`$PAGER` names no program) or
        /// failed: shown here instead, cut as `.pager off` cuts.
        case pagerUnusable
    }

    /// The rows shown when the pager is off or cannot be run.
    static let cutRows = 40

    /// Pages `table` when it is taller than the terminal.
    static func page(_ table: Table, options: OutputOptions, session: Session) throws -> Outcome {
        let environment = session.environment
        guard session.settings.pager, options.format == .table,
              let height = environment.outputHeight(), height > 0,
              let command = command(environment) else { return .notPaged }
        // Rows, the frame (three rules and the header) and the footer; the
        // prompt needs a line too.
        let shownRows = options.maxRows.map { min($0 + 1, table.rowCount) } ?? table.rowCount
        guard shownRows + 5 >= height else { return .notPaged }
        var full = options
        full.width = session.settings.maxWidth > 0 ? session.settings.maxWidth : nil
        // The table is UTF-8 whatever the locale says (scicity itself falls
        // back to C.UTF-8); less would otherwise show Chinese as <E9><87>.
        var extra = environment.variables["LESSCHARSET"] == nil ? ["LESSCHARSET": "utf-8"] : [:]
        // A PAGER of plain "less" would show the header's bold as ESC[1m:
        // as git does, less gets the default's options when LESS is unset.
        if environment.variables["LESS"] == nil { extra["LESS"] = lessOptions }
        let pipe = try CommandPipe(command: command, extraEnvironment: extra)
        let interrupted = environment.isInterrupted
        var failure: (any Error)?
        do {
            try TableWriter.write(table, options: full) { chunk in
                if interrupted() { throw Interrupted() }
                try pipe.write(chunk)
            }
        } catch {
            failure = error
        }
        // The shell's "not found" (127) or "cannot run" (126), or a pager
        // that failed (PAGER=false; less quit with q ends with 0): the write
        // to it may have failed too, but the result is shown here instead.
        if let status = pipe.finish(), status != 0, !(failure is Interrupted) {
            let what = status == 127 || status == 126 ? "could not be run" : "failed (exit status \(status))"
            environment.writeMessage("scicity: the pager \"\(command)\" \(what); the result is shown here cut to \(cutRows) rows (set PAGER to another pager, or .pager off)\n")
            return .pagerUnusable
        }
        if let failure { throw failure }
        return .paged
    }
}

import SciEngine
import SciIO
import SciLanguage
import SciPlan

extension Session {
    /// `chart …`: drawn where results go (fitted to the terminal, coloured
    /// there unless NO_COLOR; plain text in a script or pipe), or written
    /// as an SVG file with `to`.
    func drawChart(_ table: Table, _ request: ChartRequest) throws {
        let title: String
        let bars: [ChartData.Bar]?
        var points: ChartData.Points?
        switch request.kind {
        case .bar:
            let (label, value) = (request.columns[0], request.columns[1])
            bars = ChartData.bars(table, label: label, value: value)
            title = "\(table.fields[value].name) by \(table.fields[label].name)"
        case .histogram:
            bars = ChartData.histogram(table, column: request.columns[0], bins: request.bins)
            title = "\(table.fields[request.columns[0]].name): rows in each range"
        case .line:
            bars = nil
            points = ChartData.points(table, x: request.columns[0], y: request.columns[1])
            title = ""
        }
        if let path = request.path {
            let svg: String
            if let bars { svg = ChartSVG.bars(bars, title: title) } else if let points { svg = ChartSVG.line(points) } else { return }
            do {
                try FileSystem.writeAtomically(path) { write in try faulty(write, path: path)(Array(svg.utf8)[...]) }
            } catch var diagnostic as Diagnostic {
                if diagnostic.range == nil { diagnostic.range = request.pathRange }
                throw diagnostic
            }
            if isInteractive { environment.writeMessage("wrote the chart to \(path)\n") }
            return
        }
        let toTerminal = environment.outputIsTerminal
        let width = (toTerminal ? environment.outputWidth() : environment.variables["COLUMNS"].flatMap { Int($0) }) ?? 80
        let renderer = ChartRenderer(width: settings.maxWidth > 0 ? min(width, settings.maxWidth) : width, color: toTerminal && environment.colorAllowed)
        let text: String
        if let bars { text = renderer.bars(bars, title: title) } else if let points { text = renderer.line(points) } else { return }
        try environment.writeOutput(Array(text.utf8)[...])
    }
}

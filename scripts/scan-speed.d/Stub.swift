// What CSVScanner needs from SciLanguage, so that the scanner compiles
// alone into the boundary-scan benchmark (scripts/scan-speed).
struct SourceLocation {
    var source: String
    var line: Int
    var column: Int
    init(source: String, line: Int, column: Int) { self.source = source; self.line = line; self.column = column }
}

struct Diagnostic: Error {
    var message: String
    var location: SourceLocation?
    init(message: String, location: SourceLocation? = nil) { self.message = message; self.location = location }
}

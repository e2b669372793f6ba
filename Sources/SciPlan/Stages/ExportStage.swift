import SciLanguage

/// `export "FILE" [as FORMAT]`: ends the pipeline; the shell writes the file.
enum ExportStage {
    static let declaration = StageDeclaration(
        keyword: "export",
        grammar: .sequence([
            .string(what: "a file name in quotes after \"export\", like export \"out.csv\""),
            .optional(word: "as", .name(what: "a format after \"as\" (.help formats lists them)")),
        ]),
        signature: "export \"FILE\" [as FORMAT]",
        summary: "Writes the rows to FILE (atomically) and ends the pipeline; the format comes from the extension or `as`.",
        examples: [#"entities | select id, name | export "/tmp/scicity-example-entities.csv""#],
        otherNames: ["save", "write"],
        completion: .nothing,
        role: .sink { stage, _, _ in
            guard case .string(let path, let pathRange) = stage.arguments[0] else {
                throw Diagnostic(message: "expected a file name after export", range: stage.range)
            }
            var format: String?
            var formatRange = stage.range
            if case .name(let name, let range) = stage.arguments[1] {
                format = name
                formatRange = range
            }
            return .export(ExportRequest(path: path, pathRange: pathRange, format: format, formatRange: formatRange))
        }
    )
}

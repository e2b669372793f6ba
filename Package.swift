// swift-tools-version: 6.0
// scicity: a line-editing analysis shell over typed, columnar tables.
//
// The targets are layers; each imports only the ones below it:
//   SciLanguage  lexer, parser, syntax tree, diagnostics
//   SciEngine    values, columns, tables, typed expressions, stage operations
//   SciPlan      the planner: names and types resolved before anything runs,
//                rewrites, and the executor that runs plans
//   SciSQL       plans compiled to SQL (DuckDB, Spark), each dialect described once
//   SciIO        CSV/TSV/JSON readers and writers, table rendering
//   SciDataset   the article's facts, embedded in the binary
//   SciShell     sessions, dot-commands, completion, command line (no terminal I/O)
//   SciTerminal  libedit, signals, terminal size: the only terminal code
//   scicity      the thin executable
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let optimized: [SwiftSetting] = strict

let package = Package(
    name: "scicity",
    products: [
        .executable(name: "scicity", targets: ["scicity"]),
        .library(name: "SciShell", targets: ["SciShell"]),
    ],
    targets: [
        .target(name: "SciLanguage", swiftSettings: strict),
        .target(name: "SciEngine", dependencies: ["SciLanguage"], swiftSettings: optimized),
        .target(name: "SciPlan", dependencies: ["SciLanguage", "SciEngine"], swiftSettings: optimized),
        .target(name: "SciSQL", dependencies: ["SciLanguage", "SciEngine", "SciPlan"], swiftSettings: strict),
        .target(name: "SciIO", dependencies: ["SciLanguage", "SciEngine"], swiftSettings: optimized),
        .target(
            name: "SciDataset",
            dependencies: ["SciEngine", "SciIO"],
            resources: [.embedInCode("seeds")],
            swiftSettings: strict
        ),
        .target(name: "SciShell", dependencies: ["SciLanguage", "SciEngine", "SciPlan", "SciSQL", "SciIO", "SciDataset"], swiftSettings: strict),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CEditLineShim", dependencies: ["CLibEdit"]),
        .target(name: "SciTerminal", dependencies: ["SciShell", "CEditLineShim"], swiftSettings: strict),
        .executableTarget(name: "scicity", dependencies: ["SciTerminal"], swiftSettings: strict),
        .testTarget(name: "SciLanguageTests", dependencies: ["SciLanguage", "SciPlan"], swiftSettings: strict),
        .testTarget(name: "SciPlanTests", dependencies: ["SciLanguage", "SciEngine", "SciPlan"], swiftSettings: strict),
        .testTarget(name: "SciEngineTests", dependencies: ["SciLanguage", "SciEngine", "SciPlan", "SciIO"], swiftSettings: strict),
        .testTarget(name: "SciIOTests", dependencies: ["SciIO", "SciShell"], exclude: ["Malformed"], swiftSettings: strict),
        .testTarget(name: "SciDatasetTests", dependencies: ["SciDataset", "SciShell", "scicity"], swiftSettings: strict),
        .testTarget(name: "SciShellTests", dependencies: ["SciShell", "SciDataset", "SciEngine", "SciPlan", "SciSQL"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["SciShell", "scicity"], swiftSettings: strict),
        .testTarget(name: "PropertyTests", dependencies: ["SciLanguage", "SciEngine", "SciPlan", "SciSQL", "SciIO"], swiftSettings: strict),
    ]
)

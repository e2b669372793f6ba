// swift-tools-version: 6.0
// libFuzzer harnesses for scicity, a package of their own so that the main
// build never sees the sanitizer flags. Built and run by scripts/fuzz:
//
//   swift build --package-path Fuzz --scratch-path .build/fuzz -c release \
//       -Xswiftc -sanitize=fuzzer,address
//
// -Xswiftc instruments every module, scicity's own included, so coverage
// guides the fuzzer through the lexer, parser, planner, engine and readers.
// SwiftPM names an executable's entry point `<Module>_main` and points `main`
// at it, so libFuzzer's own main is never linked: each harness's main.swift
// calls LLVMFuzzerRunDriver (declared by the tiny C target FuzzDriver).
import PackageDescription

let harnesses = ["fuzz-script", "fuzz-csv", "fuzz-json", "fuzz-statements", "fuzz-csv-pipelines"]

let package = Package(
    name: "scicity-fuzz",
    dependencies: [.package(name: "scicity", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(
            name: "FuzzTargets",
            dependencies: ["FuzzDriver", .product(name: "SciShell", package: "scicity")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ] + harnesses.map { name in
        // lld: gold fails on these objects (an internal error in its DWARF reader).
        .executableTarget(name: name, dependencies: ["FuzzTargets"], path: "Sources/\(name)", swiftSettings: [.swiftLanguageMode(.v6)],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld"])])
    }
)

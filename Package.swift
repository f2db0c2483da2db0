// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "exitready",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "exitreadyctl", targets: ["exitreadyctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure domain: model, scoring, findings, timeline. No I/O.
        .target(name: "ExitReadiness"),
        // libyaml, the YAML parser (Debian: libyaml-dev).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Reading the inventory (YAML, CSV) from disk with file:line:column diagnostics.
        .target(name: "ExitReadinessInventory", dependencies: ["ExitReadiness", "CYAML"]),
        // Walking the dataroom, glob matching.
        .target(name: "ExitReadinessDataroom", dependencies: ["ExitReadiness"]),
        // Tables, colour and sparklines for people, rendered from the JSON documents.
        .target(name: "ExitReadinessReport", dependencies: ["ExitReadiness"]),
        .executableTarget(
            name: "exitreadyctl",
            dependencies: [
                "ExitReadiness", "ExitReadinessInventory", "ExitReadinessDataroom", "ExitReadinessReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ExitReadinessTests",
            dependencies: ["ExitReadiness", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ExitReadinessInventoryTests", dependencies: ["ExitReadinessInventory"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExitReadinessDataroomTests", dependencies: ["ExitReadinessDataroom"]),
        // Runs the built executables as processes; needs `swift build` first (make test does it).
        .testTarget(name: "EndToEndTests", exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

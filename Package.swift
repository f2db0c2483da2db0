// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "exitready",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "exitreadyctl", targets: ["exitreadyctl"]),
        .executable(name: "exitreadyd", targets: ["exitreadyd"]),
        // The libraries the fuzzing package (Fuzz/) builds with instrumentation and fuzzes.
        .library(name: "ExitReadiness", targets: ["ExitReadiness"]),
        .library(name: "ExitReadinessConfiguration", targets: ["ExitReadinessConfiguration"]),
        .library(name: "ExitReadinessInventory", targets: ["ExitReadinessInventory"]),
        .library(name: "ExitReadinessProtocol", targets: ["ExitReadinessProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: model, scoring, findings, timeline. No I/O.
        .target(name: "ExitReadiness"),
        // libyaml, the YAML parser (Debian: libyaml-dev).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Reading the inventory (YAML, CSV) from disk with file:line:column diagnostics.
        .target(
            name: "ExitReadinessInventory",
            dependencies: ["ExitReadiness", "CYAML", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SQLite via GRDB: one type owns the database, its migrations, reads and writes.
        .target(
            name: "ExitReadinessStore",
            dependencies: [
                "ExitReadiness", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Walking and scanning the dataroom, hashing, manifests.
        .target(
            name: "ExitReadinessDataroom",
            dependencies: ["ExitReadiness", "ExitReadinessStore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // exitreadyd.conf: the settings, their defaults (paths too), the loader and its errors;
        // shared by the daemon, exitreadyctl and the fuzzers.
        .target(name: "ExitReadinessConfiguration", dependencies: ["ExitReadiness"]),
        // libsystemd: sd_notify, sd_listen_fds, sd_journal_sendv (Debian: libsystemd-dev).
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // The Swift runtime's global-executor hook, for running concurrency on the event loops.
        .systemLibrary(name: "CConcurrencyHook"),
        // The Varlink protocol in one place: framing, JSON, the io.exitready.Monitor interface.
        .target(
            name: "ExitReadinessProtocol",
            dependencies: ["ExitReadiness"],
            exclude: ["io.exitready.Monitor.varlink"]
        ),
        // The services exitreadyd runs: evaluator, notifier, query server, journal, alerts.
        .target(
            name: "ExitReadinessDaemon",
            dependencies: [
                "ExitReadiness", "ExitReadinessConfiguration", "ExitReadinessInventory", "ExitReadinessDataroom",
                "ExitReadinessStore", "ExitReadinessProtocol", "ExitReadinessReport", "CSystemd", "CConcurrencyHook",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // One binary for the daemon and, when started as exitreadyctl, every exitreadyctl command: the
        // offline ones need Foundation (SQLite, the report), whose 34 MB of ICU data the package then
        // carries once.
        .executableTarget(
            name: "exitreadyd",
            dependencies: [
                "ExitReadiness", "ExitReadinessConfiguration", "ExitReadinessDaemon", "ExitReadyCtlCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Tables, colour and sparklines for people, rendered from the JSON documents.
        .target(name: "ExitReadinessReport", dependencies: ["ExitReadiness"]),
        // The HTML report for a board and an auditor (Mustache templates; Foundation comes with them).
        .target(
            name: "ExitReadinessBoard",
            dependencies: ["ExitReadiness", "ExitReadinessReport", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The online commands and what every command shares (options, output, the Varlink client),
        // without Foundation: the exitreadyctl that runs them starts as fast as a C tool.
        .target(
            name: "ExitReadyCtlOnline",
            dependencies: [
                "ExitReadiness", "ExitReadinessConfiguration", "ExitReadinessProtocol", "ExitReadinessReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Every exitreadyctl command, the offline ones too, and its one help text.
        .target(
            name: "ExitReadyCtlCommands",
            dependencies: [
                "ExitReadiness", "ExitReadinessConfiguration", "ExitReadinessInventory", "ExitReadinessDataroom",
                "ExitReadinessReport", "ExitReadinessBoard", "ExitReadinessStore", "ExitReadinessProtocol",
                "ExitReadyCtlOnline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // exitreadyctl: runs the online commands itself and hands everything else (offline commands,
        // help, mistakes) to exitreadyd's binary started as exitreadyctl.
        .executableTarget(
            name: "exitreadyctl",
            dependencies: [
                "ExitReadinessProtocol", "ExitReadyCtlOnline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ExitReadinessTests",
            dependencies: ["ExitReadiness", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ExitReadinessInventoryTests", dependencies: ["ExitReadiness", "ExitReadinessInventory"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ExitReadinessDataroomTests", dependencies: ["ExitReadiness", "ExitReadinessDataroom", "ExitReadinessStore"]),
        .testTarget(
            name: "ExitReadinessStoreTests",
            dependencies: ["ExitReadiness", "ExitReadinessStore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ExitReadinessConfigurationTests", dependencies: ["ExitReadinessConfiguration"]),
        .testTarget(name: "ExitReadinessReportTests", dependencies: ["ExitReadiness", "ExitReadinessReport"]),
        .testTarget(name: "ExitReadinessBoardTests", dependencies: ["ExitReadiness", "ExitReadinessBoard"]),
        .testTarget(
            name: "ExitReadinessProtocolTests",
            dependencies: ["ExitReadiness", "ExitReadinessProtocol"]
        ),
        .testTarget(
            name: "ExitReadinessDaemonTests",
            dependencies: [
                "ExitReadiness", "ExitReadinessConfiguration", "ExitReadinessDaemon", "ExitReadinessInventory",
                "ExitReadinessProtocol", "ExitReadinessStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Runs the built executables as processes; needs `swift build` first (make test does it).
        .testTarget(name: "EndToEndTests", exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// libFuzzer targets for exitready's parsers (see README.md; run with ./run.sh, or make fuzz-short
// and make fuzz-full from the top directory).
//
// Why a package of its own, with the library targets linked in (Linked/* are symlinks to
// ../Sources/*) rather than `.package(path: "..")`: the main package exports only its two
// executables, so its library targets cannot be depended on from outside; and the libraries
// must be compiled with -sanitize=fuzzer too, or the fuzzer sees no coverage in them. The
// target list below mirrors ../Package.swift for the targets the fuzzers need; keep the
// dependencies in step with it. Third-party packages are not instrumented (faster, and their
// coverage would only dilute ours).
//
// Of ExitReadinessDaemon only the configuration files are linked (Linked/DaemonConfiguration:
// ConfigurationLoader, DaemonConfiguration, SystemdDuration, under the module's own name): the
// rest of the daemon would bring in SwiftNIO, GRDB and ServiceLifecycle, minutes of build for
// code the config target never calls. Should the configuration code come to need another file
// of the daemon, link that file there too.
//
// Its own build directory (Fuzz/.build) keeps the instrumented release build apart from the
// main package's .build. Dependencies resolve as the main package's do (the same URLs; run.sh
// copies ../Package.resolved when there is one, so that the versions are the product's).
//
// EXITREADY_FUZZ_SANITIZERS=fuzzer builds without AddressSanitizer (default: fuzzer,address).
import Foundation
import PackageDescription

let sanitizers = ProcessInfo.processInfo.environment["EXITREADY_FUZZ_SANITIZERS"] ?? "fuzzer,address"
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=\(sanitizers)"])]
// lld: ld.gold fails with an internal error on the sanitizer runtimes (format_file_lineno).
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=\(sanitizers)", "-use-ld=lld"])]

/// A library target of the main package, compiled from its sources with instrumentation.
func linked(_ name: String, _ dependencies: [Target.Dependency] = [], exclude: [String] = []) -> Target {
    .target(name: name, dependencies: dependencies, path: "Linked/\(name)", exclude: exclude, swiftSettings: instrumented)
}

/// One fuzz target: an executable whose @main hands its callback to libFuzzer.
func fuzzer(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: instrumented,
                      linkerSettings: fuzzerLink)
}

let package = Package(
    name: "exitready-fuzz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fuzz-varlink", targets: ["FuzzVarlink"]),
        .executable(name: "fuzz-contract", targets: ["FuzzContract"]),
        .executable(name: "fuzz-checklist", targets: ["FuzzChecklist"]),
        .executable(name: "fuzz-register", targets: ["FuzzRegister"]),
        .executable(name: "fuzz-config", targets: ["FuzzConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The main package's libraries (as in ../Package.swift).
        linked("ExitReadiness"),
        .systemLibrary(name: "CYAML", path: "Linked/CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        linked("ExitReadinessInventory", ["ExitReadiness", "CYAML", .product(name: "Crypto", package: "swift-crypto")]),
        linked("ExitReadinessProtocol", ["ExitReadiness"], exclude: ["io.exitready.Monitor.varlink"]),
        // The configuration files of ExitReadinessDaemon only (see the top of this file).
        .target(name: "ExitReadinessDaemon", dependencies: ["ExitReadiness"], path: "Linked/DaemonConfiguration",
                swiftSettings: instrumented),

        // The fuzzing harness.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "ExitReadiness"], swiftSettings: instrumented),
        fuzzer("FuzzVarlink", ["ExitReadiness", "ExitReadinessProtocol"]),
        fuzzer("FuzzContract", ["ExitReadiness", "ExitReadinessInventory", "ExitReadinessProtocol"]),
        fuzzer("FuzzChecklist", ["ExitReadiness", "ExitReadinessInventory"]),
        fuzzer("FuzzRegister", ["ExitReadinessInventory"]),
        fuzzer("FuzzConfig", ["ExitReadiness", "ExitReadinessDaemon"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// libFuzzer targets for exitready's parsers (see README.md; run with ./run.sh, or make fuzz-short
// and make fuzz-full from the top directory).
//
// A package of its own, with its own build directory (Fuzz/.build): the instrumented release
// build stays apart from the main package's .build. It depends on the main package (`..`) for the
// libraries it fuzzes, which the main package exports as library products for this purpose.
// run.sh builds with `-Xswiftc -sanitize=...`, so that those libraries are compiled with
// instrumentation too and libFuzzer sees their coverage; the fuzz executables link the fuzzer
// runtime below. Dependencies resolve as the main package's do (run.sh copies ../Package.resolved
// when there is one, so that the versions are the product's).
//
// EXITREADY_FUZZ_SANITIZERS=fuzzer builds without AddressSanitizer (default: fuzzer,address);
// run.sh passes the same value to the compiler.
import Foundation
import PackageDescription

let sanitizers = ProcessInfo.processInfo.environment["EXITREADY_FUZZ_SANITIZERS"] ?? "fuzzer,address"
// lld: ld.gold fails with an internal error on the sanitizer runtimes (format_file_lineno).
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=\(sanitizers)", "-use-ld=lld"])]

/// A library of the main package.
func exitready(_ name: String) -> Target.Dependency {
    .product(name: name, package: "exitready")
}

/// One fuzz target: an executable whose @main hands its callback to libFuzzer.
func fuzzer(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, linkerSettings: fuzzerLink)
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
        .package(name: "exitready", path: "..")
    ],
    targets: [
        // The fuzzing harness.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", exitready("ExitReadiness")]),
        fuzzer("FuzzVarlink", [exitready("ExitReadiness"), exitready("ExitReadinessProtocol")]),
        fuzzer(
            "FuzzContract", [exitready("ExitReadiness"), exitready("ExitReadinessInventory"), exitready("ExitReadinessProtocol")]),
        fuzzer("FuzzChecklist", [exitready("ExitReadiness"), exitready("ExitReadinessInventory")]),
        fuzzer("FuzzRegister", [exitready("ExitReadinessInventory")]),
        fuzzer("FuzzConfig", [exitready("ExitReadiness"), exitready("ExitReadinessConfiguration")]),
    ],
    swiftLanguageModes: [.v6]
)

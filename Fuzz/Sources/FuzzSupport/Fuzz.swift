import CLibFuzzer

#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target shares: the libFuzzer driver and named invariant checks.
public enum Fuzz {
    /// Runs libFuzzer with the command line of the process (`-runs=`, corpus directories,
    /// files to replay, …) and exits with its status. `callback` gets one input per call.
    public static func main(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
    }

    /// The bytes of one input as a buffer (libFuzzer may pass a null pointer for an empty one).
    public static func buffer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    /// Invariants named here are not enforced: `EXITREADY_FUZZ_SKIP=name,name`. For a campaign
    /// that must keep going after a product bug was recorded in Regressions/ and reported; the
    /// short run (make fuzz-short) never sets it.
    public static let skipped: Set<String> = {
        guard let value = getenv("EXITREADY_FUZZ_SKIP") else { return [] }
        return Set(String(cString: value).split(separator: ",").map { String($0) })
    }()

    /// Crashes (so that libFuzzer saves the input) when an invariant does not hold.
    /// - Parameters:
    ///   - name: a stable name for the invariant, printed and usable in `EXITREADY_FUZZ_SKIP`.
    ///   - message: what went wrong, with the values involved; only built on failure.
    public static func check(_ condition: Bool, _ name: String, _ message: @autoclosure () -> String) {
        if condition || skipped.contains(name) { return }
        fatalError("invariant \(name) failed: \(message())")
    }

    /// U+0000–U+001F and U+007F–U+009F: what a message must never carry to a terminal or journal.
    public static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// A value for messages: Swift's escaped debug form, never longer than a line or two.
    public static func show(_ value: some Any) -> String {
        let text = String(reflecting: value)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// A small deterministic generator (SplitMix64) for choices derived from the input.
public struct SplitMix: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

extension Fuzz {
    /// The invariants of a located error message (inventory `Diagnostic`s, configuration errors):
    /// it names the file it was given, points inside that file, and its message is one non-empty
    /// line without control characters.
    public static func checkLocated(
        file: String, expectedFile: String, line: Int, column: Int?, message: String,
        description: String, in lines: TextLines
    ) {
        check(file == expectedFile, "diagnostic-file", "file \(show(file)), expected \(show(expectedFile))")
        check(
            line >= 1 && (column ?? 1) >= 1, "diagnostic-position-positive",
            "line \(line), column \(column.map(String.init) ?? "-"): \(show(description))")
        // Named apart, so that a campaign can skip the two known ways of pointing outside.
        let outside =
            if lines.hasUnicodeLineBreaks {
                "diagnostic-position-unicode-line-break"
            } else if line == lines.count + 1 && (column ?? 1) == 1 {
                "diagnostic-position-past-end"
            } else {
                "diagnostic-position-inside"
            }
        check(
            lines.contains(line: line, column: column ?? 1), outside,
            "line \(line), column \(column.map(String.init) ?? "-") is outside the input (\(lines.count) lines, "
                + "widths \(show(lines.widths.prefix(40)))): \(show(description))")
        check(!message.isEmpty, "diagnostic-message-empty", show(description))
        check(!hasControlCharacter(message), "diagnostic-message-control", show(description))
        check(!hasControlCharacter(description), "diagnostic-description-control", show(description))
    }
}

extension Fuzz {
    /// YAMLParser blames a construct that runs to the end of the file (an unclosed quote or
    /// bracket) on the place where it starts ("… that starts here is never closed"); libyaml's
    /// own "found unexpected end of stream" must therefore never reach a diagnostic.
    public static func checkYAMLMessage(_ message: String, description: String) {
        check(
            !message.hasPrefix("YAML syntax error: found unexpected end of stream"), "yaml-end-of-stream-not-blamed-on-start",
            show(description))
    }
}

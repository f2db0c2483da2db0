#if canImport(Glibc)
    import Glibc
#endif

/// How JSON is printed, as systemd's tools do: `--json=pretty` indented, `--json=short` on one
/// line; `--json` alone is indented on a terminal and one line otherwise.
///
/// ArgumentParser's `--json` is a flag; `main` writes each `--json=STYLE` as `--json` before
/// parsing (`normalized`), and the style is read from the command line as given (`requested`).
package enum JSONStyle: String, CaseIterable {
    case pretty, short

    /// The style in force for this process.
    package static let current: JSONStyle = {
        if case .success(let style?) = requested(in: Array(CommandLine.arguments.dropFirst())) { return style }
        return isatty(STDOUT_FILENO) == 1 ? .pretty : .short
    }()

    /// The style the last `--json=STYLE` before any `--` asks for, nil when none does, or the
    /// value that is not a style.
    package static func requested(in arguments: [String]) -> Result<JSONStyle?, InvalidStyle> {
        var style: JSONStyle?
        for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix(prefix) {
            let value = String(argument.dropFirst(prefix.count))
            guard let chosen = JSONStyle(rawValue: value) else { return .failure(InvalidStyle(value: value)) }
            style = chosen
        }
        return .success(style)
    }

    /// `arguments` with every `--json=STYLE` before any `--` written `--json`.
    package static func normalized(_ arguments: [String]) -> [String] {
        var seenTerminator = false
        return arguments.map { argument in
            if argument == "--" { seenTerminator = true }
            return !seenTerminator && argument.hasPrefix(prefix) ? "--json" : argument
        }
    }

    private static let prefix = "--json="

    /// A `--json=` value that is not a style.
    package struct InvalidStyle: Error {
        let value: String

        package var message: String {
            "exitreadyctl: --json=\(value) is not a JSON style; expected --json, --json=pretty or --json=short"
        }
    }
}

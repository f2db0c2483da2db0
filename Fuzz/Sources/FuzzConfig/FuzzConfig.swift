// Fuzz target: exitreadyd.conf through `ConfigurationLoader.parse(_:file:)` (the bytes decoded
// as UTF-8, invalid sequences replaced, as `ConfigurationLoader.load` reads a file).
//
// Invariants:
// - an error names the file and a line of it (1 … number of lines) — for a combination of
//   values (weights, thresholds, windows), a line that sets one of the keys involved;
// - the same file with CRLF line ends gives the same result (the loader trims "\r" from every
//   line, so it means to accept them);
// - an accepted configuration is one the daemon can run with: the interval converts to the
//   Int64 milliseconds the evaluator waits for, the weighted sum of scores cannot overflow;
// - an accepted configuration written back as a file (every key explicit) reads back equal.
import ExitReadiness
import ExitReadinessConfiguration
import FuzzSupport

@main
enum FuzzConfig {
    static func main() {
        Fuzz.main { data, size in
            FuzzConfig.testOneInput(Array(Fuzz.buffer(data, size)))
            return 0
        }
    }

    static let file = "/etc/exitready/exitreadyd.conf"

    static func parse(_ text: String) -> Result<DaemonConfiguration, ConfigurationError> {
        Result { () throws(ConfigurationError) -> DaemonConfiguration in try ConfigurationLoader.parse(text, file: file) }
    }

    static func testOneInput(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let result = parse(text)
        switch result {
        case .failure(let error): check(error, in: text)
        case .success(let configuration): check(configuration)
        }
        checkLineEnds(bytes, result)
    }

    /// The lines of the text as an editor shows them ("\n" ends a line).
    static func lines(_ text: String) -> [Substring.UnicodeScalarView] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The key a line sets, if it has the form `Key=Value`.
    static func key(on line: Substring.UnicodeScalarView) -> String? {
        let text = String(line)
        guard let equals = text.unicodeScalars.firstIndex(of: "=") else { return nil }
        let key = text.unicodeScalars[..<equals].drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(String.UnicodeScalarView(key)).trimmingSuffix()
    }

    static func check(_ error: ConfigurationError, in text: String) {
        let all = lines(text)
        Fuzz.check(error.file == file, "config-error-file", Fuzz.show(error))
        Fuzz.check(
            error.line >= 1 && error.line <= all.count, "config-error-line-range",
            "line \(error.line) of \(all.count): \(Fuzz.show(error.description))")
        Fuzz.check(!error.message.isEmpty, "config-error-message", Fuzz.show(error))
        // Errors about a combination of values must point at a line that sets one of them.
        if let involved = involvedKeys(error), error.line >= 1, error.line <= all.count {
            let key = key(on: all[error.line - 1])
            Fuzz.check(
                key.map(involved.contains) ?? false, "config-error-line-unrelated",
                "\(Fuzz.show(error.description)) points at \(Fuzz.show(String(all[error.line - 1]))), "
                    + "which sets none of \(involved)")
        }
    }

    /// The keys behind an error about a combination of values (found after every line was read).
    static func involvedKeys(_ error: ConfigurationError) -> [String]? {
        if error.message.hasPrefix("the four weights") {
            ["ContractWeight", "DataroomWeight", "ProcessesWeight", "StaffWeight"]
        } else if error.message.hasPrefix("AtRiskThreshold=") {
            ["AtRiskThreshold", "ReadyThreshold"]
        } else if error.message.hasPrefix("CriticalNoticeWindow=") {
            ["CriticalNoticeWindow", "NoticeWindow"]
        } else {
            nil
        }
    }

    static func check(_ configuration: DaemonConfiguration) {
        let interval = configuration.interval
        // Evaluator: requests.next(timeout: .milliseconds(Int64(interval * 1000))).
        Fuzz.check(
            interval.isFinite && interval >= 1 && interval * 1000 < 0x1p63, "config-interval-usable",
            "Interval= accepted as \(interval) s, which the evaluator cannot wait for (Int64 milliseconds)")
        let scoring = configuration.scoring
        // ContractScorer: Σ weight × score (score ≤ 100) / Σ weight.
        Fuzz.check(
            (100 * scoring.totalWeight).isFinite, "config-weights-overflow",
            "weights \(scoring.contractWeight), \(scoring.dataroomWeight), \(scoring.processesWeight), "
                + "\(scoring.staffWeight) add up to \(scoring.totalWeight): scores become NaN")
        Fuzz.check(
            (0...100).contains(configuration.dropThreshold) && (0...0o777).contains(configuration.socketMode)
                && (1...36_500).contains(configuration.historyRetentionDays), "config-ranges",
            Fuzz.show(configuration))

        // Written back with every key explicit, the file reads back equal.
        guard let text = written(configuration) else { return }
        switch parse(text) {
        case .failure(let error):
            Fuzz.check(false, "config-writeback", "\(Fuzz.show(error.description)) reading back \(Fuzz.show(text))")
        case .success(var again):
            if !canWrite(interval) { again.interval = interval }
            Fuzz.check(
                again == configuration, "config-writeback",
                "\(Fuzz.show(configuration)) read back as \(Fuzz.show(again)) from \(Fuzz.show(text))")
        }
    }

    /// Durations are read with `[0-9.]` digits only, so a value Swift prints with an exponent
    /// cannot be written back as it is; the interval is then left out of the comparison.
    static func canWrite(_ value: Double) -> Bool { value.isFinite && !String(value).contains("e") }

    static func written(_ configuration: DaemonConfiguration) -> String? {
        let scoring = configuration.scoring
        var lines = [
            "[Inventory]", "Directory=\(configuration.inventoryDirectory)", "Checklist=\(configuration.checklist)",
            "[Dataroom]", "Root=\(configuration.dataroomRoot)",
            "[Daemon]", "Database=\(configuration.database)", "Socket=\(configuration.socket)",
            "SocketMode=\(String(configuration.socketMode, radix: 8))",
            "AdminGroup=\(configuration.adminGroup ?? "")",
            "HistoryRetention=\(configuration.historyRetentionDays)d", "MetricsFile=\(configuration.metricsFile ?? "")",
            "[Scoring]", "ContractWeight=\(scoring.contractWeight)", "DataroomWeight=\(scoring.dataroomWeight)",
            "ProcessesWeight=\(scoring.processesWeight)", "StaffWeight=\(scoring.staffWeight)",
            "ReadyThreshold=\(scoring.readyThreshold)", "AtRiskThreshold=\(scoring.atRiskThreshold)",
            "[Alerts]", "DropThreshold=\(configuration.dropThreshold)",
            "NoticeWindow=\(scoring.noticeWindowDays)d", "CriticalNoticeWindow=\(scoring.criticalNoticeWindowDays)d",
        ]
        if canWrite(configuration.interval) { lines.insert("Interval=\(configuration.interval)", at: 10) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same file with CRLF line ends reads the same: equal configurations, or errors with
    /// the same message and line (the line only when the error is about one line).
    static func checkLineEnds(_ bytes: [UInt8], _ result: Result<DaemonConfiguration, ConfigurationError>) {
        guard bytes.contains(0x0A) else { return }
        var crlf: [UInt8] = []
        crlf.reserveCapacity(bytes.count + bytes.count / 8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let other = parse(String(decoding: crlf, as: UTF8.self))
        switch (result, other) {
        case (.success(let lf), .success(let crlf)):
            Fuzz.check(lf == crlf, "config-crlf", "LF: \(Fuzz.show(lf)); CRLF: \(Fuzz.show(crlf))")
        case (.failure(let lf), .failure(let crlf)):
            Fuzz.check(
                lf.message == crlf.message && (involvedKeys(lf) != nil || lf.line == crlf.line), "config-crlf",
                "LF: \(Fuzz.show(lf.description)); CRLF: \(Fuzz.show(crlf.description))")
        case (.success(let lf), .failure(let crlf)):
            Fuzz.check(false, "config-crlf", "LF: accepted \(Fuzz.show(lf)); CRLF: \(Fuzz.show(crlf.description))")
        case (.failure(let lf), .success(let crlf)):
            Fuzz.check(false, "config-crlf", "LF: \(Fuzz.show(lf.description)); CRLF: accepted \(Fuzz.show(crlf))")
        }
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var scalars = unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}

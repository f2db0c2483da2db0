import ExitReadiness

/// The `[Effort]` section: one key per finding code that costs points, its value the days it
/// takes to resolve one such finding (a positive multiple of 0.5 up to 365; empty: the default).
enum EffortSetting {
    static func apply(
        key: String, value: String, to table: inout EffortTable, file: String, line: Int
    ) throws(ConfigurationError) {
        let codes = EffortTable.codes.map(\.rawValue)
        guard let code = FindingCode(rawValue: key), EffortTable.codes.contains(code) else {
            let guess = Suggestion.closest(to: key, among: codes).map { "did you mean \($0)=? " } ?? ""
            throw ConfigurationError(
                file: file, line: line,
                message: "unknown key \(key)= in [Effort]; \(guess)the keys are the finding codes that cost points: "
                    + "C01–C17, D00–D02, P00–P05, S00–S04")
        }
        if value.isEmpty {
            table.set(code, days: EffortTable.defaultDays(for: code)!)
            return
        }
        guard let days = Double(value), EffortTable.isValid(days: days) else {
            throw ConfigurationError(
                file: file, line: line,
                message: "\(key)=\(value): expected days in steps of 0.5, from 0.5 to 365, such as \(key)=2.5")
        }
        table.set(code, days: days)
    }
}

import ExitReadiness

/// The Prometheus text exposition of the daemon's state: the portfolio and every contract of
/// the last evaluation, and the daemon's own health. Built from values, with no I/O.
///
/// Written by hand rather than with swift-prometheus: that library keeps a registry of
/// long-lived metric objects, updated in place, so every contract that leaves the inventory
/// would have to be unregistered again, while here each evaluation is a complete new picture.
/// Writing the picture directly is a page of code with no dependency; at ten thousand
/// contracts (10 MB of text) writing the file costs 0.06x the evaluation's own time
/// (Benchmarks/metrics_scale.py, BENCHMARKS.md).
public struct MetricsExposition: Sendable {
    /// What the daemon knows about itself, beside the evaluation.
    public struct Daemon: Sendable {
        public var version: String
        /// The version of the scoring rules.
        public var rules: Int
        /// When the last stored evaluation was made, in seconds since the epoch.
        public var lastEvaluation: Double?
        /// How long the last evaluation took, in seconds.
        public var evaluationDuration: Double?
        /// Evaluations run, and those that stored nothing, since the daemon started.
        public var evaluations: Int
        public var evaluationFailures: Int
        public var inventoryValid: Bool
        /// Nil while the daemon cannot say (before the first scan).
        public var dataroomReachable: Bool?
        /// Files of the dataroom at its last completed scan.
        public var dataroomFiles: Int?
        /// Alerts raised since the database was created, per kind (every kind, zeros included).
        public var alerts: [(kind: String, count: Int)]

        public init(
            version: String, rules: Int, lastEvaluation: Double? = nil, evaluationDuration: Double? = nil,
            evaluations: Int = 0, evaluationFailures: Int = 0, inventoryValid: Bool = true, dataroomReachable: Bool? = nil,
            dataroomFiles: Int? = nil, alerts: [(kind: String, count: Int)] = []
        ) {
            self.version = version
            self.rules = rules
            self.lastEvaluation = lastEvaluation
            self.evaluationDuration = evaluationDuration
            self.evaluations = evaluations
            self.evaluationFailures = evaluationFailures
            self.inventoryValid = inventoryValid
            self.dataroomReachable = dataroomReachable
            self.dataroomFiles = dataroomFiles
            self.alerts = alerts
        }
    }

    /// A family with one or more samples per contract: adding a contract metric is adding one
    /// of these to `contractFamilies`.
    struct ContractFamily: Sendable {
        let name: String
        let help: String
        /// Writes the contract's samples, given the starts of its dated days.
        let samples: @Sendable (ContractScore, ContractDays, inout SampleWriter) -> Void
    }

    /// Appends the samples of one contract in one family as bytes: `name{contract="id"` is
    /// made once per contract and the fixed labels once, so that a sample costs no allocation.
    struct SampleWriter {
        var bytes: [UInt8] = []
        /// `name{contract="id"` of the contract being written.
        private var prefix: [UInt8] = []

        mutating func begin(_ name: String, contract: String) {
            prefix.removeAll(keepingCapacity: true)
            prefix.append(contentsOf: name.utf8)
            prefix.append(contentsOf: "{contract=\"".utf8)
            prefix.append(contentsOf: MetricsExposition.escape(contract).utf8)
            prefix.append(UInt8(ascii: "\""))
        }

        /// A sample of the current contract; `labels` are the further labels, each with its
        /// leading comma and escaped value (`,band="ready"`).
        mutating func sample(_ labels: String, _ value: Int) {
            start(labels)
            append(value)
            bytes.append(UInt8(ascii: "\n"))
        }

        /// A sample whose value is a score rounded to one decimal (`64.2`, `85`).
        mutating func sample(_ labels: String, score: Double) {
            start(labels)
            let tenths = Int((score * 10).rounded())
            append(tenths / 10)
            if tenths % 10 != 0 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(UInt8(ascii: "0") + UInt8(abs(tenths % 10)))
            }
            bytes.append(UInt8(ascii: "\n"))
        }

        private mutating func start(_ labels: String) {
            bytes.append(contentsOf: prefix)
            bytes.append(contentsOf: labels.utf8)
            bytes.append(contentsOf: "} ".utf8)
        }

        /// Digits of an integer (a small string: no allocation).
        private mutating func append(_ value: Int) {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    let evaluation: Evaluation?
    let daemon: Daemon
    /// The first second of a local date (`LocalCalendar.start(of:)`).
    let dayStart: @Sendable (Day) -> Int64

    public init(evaluation: Evaluation?, daemon: Daemon, dayStart: @escaping @Sendable (Day) -> Int64) {
        self.evaluation = evaluation
        self.daemon = daemon
        self.dayStart = dayStart
    }

    /// The exposition, every family with `# HELP` and `# TYPE`, ending with a newline.
    public var text: String {
        var out = SampleWriter()
        out.bytes.reserveCapacity(1_024 + (evaluation?.contracts.count ?? 0) * 1_200)
        family(
            &out, "exitready_build_info", "gauge", "Always 1; the labels name the version of exitready and of its scoring rules.")
        sample(&out, "exitready_build_info", "version=\"\(Self.escape(daemon.version))\",rules=\"\(daemon.rules)\"", "1")
        family(&out, "exitready_portfolio_score", "gauge", "The portfolio score (0-100) of the last evaluation.")
        if let score = evaluation?.portfolio.roundedScore { sample(&out, "exitready_portfolio_score", nil, Self.number(score)) }
        if let contracts = evaluation?.contracts {
            // The start of each dated day, once per contract (it reads the time zone).
            let days = contracts.map { contract in
                ContractDays(
                    noticeDeadline: dayStart(contract.noticeDeadline),
                    nextBandChange: contract.nextBandChange.map { dayStart($0.day) })
            }
            for contractFamily in Self.contractFamilies {
                family(&out, contractFamily.name, "gauge", contractFamily.help)
                for (contract, starts) in zip(contracts, days) {
                    out.begin(contractFamily.name, contract: contract.id)
                    contractFamily.samples(contract, starts, &out)
                }
            }
        }
        daemonFamilies(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The families of the daemon's own health.
    private func daemonFamilies(_ out: inout SampleWriter) {
        let gauges: [(String, String, String?)] = [
            (
                "exitready_last_evaluation_timestamp_seconds", "When the last stored evaluation was made (Unix time).",
                daemon.lastEvaluation.map(Self.number)
            ),
            (
                "exitready_evaluation_duration_seconds", "How long the last evaluation took.",
                daemon.evaluationDuration.map(Self.number)
            ),
        ]
        for (name, help, value) in gauges {
            family(&out, name, "gauge", help)
            if let value { sample(&out, name, nil, value) }
        }
        family(&out, "exitready_evaluations_total", "counter", "Evaluations run since the daemon started.")
        sample(&out, "exitready_evaluations_total", nil, String(daemon.evaluations))
        family(
            &out, "exitready_evaluation_failures_total", "counter",
            "Evaluations since the daemon started that stored no result (see the journal).")
        sample(&out, "exitready_evaluation_failures_total", nil, String(daemon.evaluationFailures))
        family(&out, "exitready_inventory_valid", "gauge", "1 if the inventory has no errors, 0 if the last valid one is scored.")
        sample(&out, "exitready_inventory_valid", nil, daemon.inventoryValid ? "1" : "0")
        family(
            &out, "exitready_dataroom_reachable", "gauge",
            "1 if the dataroom root could be read at the last evaluation, 0 if its scores are carried over.")
        if let reachable = daemon.dataroomReachable { sample(&out, "exitready_dataroom_reachable", nil, reachable ? "1" : "0") }
        family(&out, "exitready_dataroom_files", "gauge", "Files of the dataroom at the last completed scan.")
        if let files = daemon.dataroomFiles { sample(&out, "exitready_dataroom_files", nil, String(files)) }
        family(&out, "exitready_alerts_total", "counter", "Alerts raised since the database was created, per kind.")
        for (kind, count) in daemon.alerts {
            sample(&out, "exitready_alerts_total", "kind=\"" + Self.escape(kind) + "\"", String(count))
        }
    }

    /// The per-contract families, in the order they are written. Person identifiers never go
    /// into a label: only contract ids, suppliers and fixed words do.
    static let contractFamilies: [ContractFamily] = [
        ContractFamily(
            name: "exitready_contract_score",
            help: "The exit readiness score (0-100) of a contract.",
            samples: { contract, _, out in
                let labels =
                    ",supplier=\"" + escape(contract.supplier) + "\",criticality=\"" + contract.criticality.rawValue
                    + "\",status=\"" + contract.status.rawValue + "\""
                out.sample(labels, score: contract.roundedScore)
            }),
        ContractFamily(
            name: "exitready_contract_family_score",
            help: "The score (0-100) of one family of checks of a contract.",
            samples: { contract, _, out in
                for (family, labels) in zip(Family.scored, familyLabels) {
                    out.sample(labels, score: roundHalfAwayFromZero(contract.families[family], decimals: 1))
                }
            }),
        ContractFamily(
            name: "exitready_contract_band",
            help: "1 for the current band of a contract, 0 for the two others.",
            samples: { contract, _, out in
                for (band, labels) in zip(Band.allCases, bandLabels) { out.sample(labels, band == contract.band ? 1 : 0) }
            }),
        ContractFamily(
            name: "exitready_contract_notice_deadline_timestamp_seconds",
            help: "The last day to give notice for the current term (Unix time of local midnight starting that day).",
            samples: { _, days, out in out.sample("", Int(days.noticeDeadline)) }),
        ContractFamily(
            name: "exitready_contract_findings",
            help: "Findings of a contract, per severity.",
            samples: { contract, _, out in
                var counts = [Int](repeating: 0, count: severityLabels.count)
                for finding in contract.findings { counts[severityIndex(finding.severity)] += 1 }
                for (count, labels) in zip(counts, severityLabels) { out.sample(labels, count) }
            }),
        ContractFamily(
            name: "exitready_contract_effort_to_ready_days",
            help: "Person-days of the least work that makes the contract ready (0 when ready; "
                + "no sample when the actions left open cannot reach it).",
            samples: { contract, _, out in
                if let days = contract.effortToReady { out.sample("", score: days) }
            }),
        ContractFamily(
            name: "exitready_contract_next_band_change_timestamp_seconds",
            help: "The first day within 365 days on which the forecast band differs from the day before (Unix time "
                + "of local midnight starting that day), labelled with that band; no sample when the band holds.",
            samples: { contract, days, out in
                guard let change = contract.nextBandChange, let start = days.nextBandChange else { return }
                out.sample(",band=\"" + change.band.rawValue + "\"", Int(start))
            }),
    ]

    /// The starts (Unix time of local midnight) of a contract's dated days.
    struct ContractDays {
        var noticeDeadline: Int64
        var nextBandChange: Int64?
    }

    static let familyLabels = Family.scored.map { ",family=\"\($0.rawValue)\"" }
    static let bandLabels = Band.allCases.map { ",band=\"\($0.rawValue)\"" }
    static let severityLabels = Severity.allCases.map { ",severity=\"\($0.rawValue)\"" }

    private static func severityIndex(_ severity: Severity) -> Int {
        switch severity {
        case .info: 0
        case .warning: 1
        case .critical: 2
        case .security: 3
        }
    }

    private func family(_ out: inout SampleWriter, _ name: String, _ type: String, _ help: String) {
        out.bytes.append(contentsOf: ("# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n").utf8)
    }

    /// A sample of the daemon's own families, written as text (a handful of lines).
    private func sample(_ out: inout SampleWriter, _ name: String, _ labels: String?, _ value: String) {
        out.bytes.append(contentsOf: (name + (labels.map { "{" + $0 + "}" } ?? "") + " " + value + "\n").utf8)
    }

    /// A label value as the text format wants it: backslash, double quote and line feed escaped.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") })
        else { return value }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A number in the shortest form that reads back the same (`71.3`, `1e-05`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

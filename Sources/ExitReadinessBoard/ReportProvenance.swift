import ExitReadiness

/// The provenance of an evaluation as the report shows it, on the cover and in the appendix:
/// what an auditor needs to pin down what was scored and recompute it.
public enum ReportProvenance {
    /// The mustache context of the `provenance` partial for a `provenance` document (as in
    /// `check --json`); absent or null gives a note that this evaluation carries none.
    public static func context(_ provenance: JSONValue?) -> [String: Any] {
        guard let provenance, provenance["inventory_sha256"] != nil else {
            return ["missing": "The evaluation carries no provenance (an exitready that records none made it)."]
        }
        var rows: [[String: String]] = []
        func add(_ name: String, _ value: String?) {
            if let value { rows.append(["name": name, "value": value]) }
        }
        add("exitready", provenance["exitready"]?.stringValue)
        add("rules version", provenance["rules"]?.intValue.map(String.init))
        if let weights = provenance["weights"] {
            add(
                "weights",
                ["contract", "dataroom", "processes", "staff"].map { family in
                    "\(family) \(weights[family]?.doubleValue.map { DecimalText.fixed($0, 0) } ?? "?")"
                }.joined(separator: ", "))
        }
        if let bands = provenance["bands"] {
            let ready = bands["ready"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "?"
            let atRisk = bands["at_risk"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "?"
            add("bands", "ready ≥ \(ready), at-risk ≥ \(atRisk)")
        }
        add("evaluated at", provenance["evaluated_at"]?.stringValue)
        add("inventory SHA-256", provenance["inventory_sha256"]?.stringValue)
        add("checklist SHA-256", provenance["checklist_sha256"]?.stringValue)
        if let dataroom = provenance["dataroom"], !dataroom.isNull {
            let files = dataroom["files"]?.intValue.map(String.init) ?? "?"
            add("dataroom", "\(files) files scanned at \(dataroom["scanned_at"]?.stringValue ?? "?")")
            add("dataroom SHA-256", dataroom["sha256"]?.stringValue)
        } else {
            add("dataroom", "no scan with hashes")
        }
        return ["rows": rows, "hasRows": !rows.isEmpty]
    }
}

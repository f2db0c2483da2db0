/// What an evaluation was computed from, so that an auditor can pin it down and recompute it:
/// the program and rules version, the weights and bands in force, when it ran, and digests of
/// the inventory, the checklist and the dataroom (see exitready-inventory(5) for the commands
/// that recompute them).
public struct Provenance: Sendable, Equatable {
    /// The exitready version that scored.
    public var exitready: String
    /// The scoring rules version (1: the rules of exitready-inventory(5)).
    public var rules = 1
    public var policy: ScoringPolicy
    /// RFC 3339 in UTC.
    public var evaluatedAt: String
    /// `find . -type f ! -path '*/.*' -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum`
    /// in the inventory directory.
    public var inventorySHA256: String
    /// The checklist file's SHA-256.
    public var checklistSHA256: String
    /// Nil when no scan with hashes exists.
    public var dataroom: DataroomDigest?

    public init(
        exitready: String, policy: ScoringPolicy, evaluatedAt: String, inventorySHA256: String, checklistSHA256: String,
        dataroom: DataroomDigest?
    ) {
        self.exitready = exitready
        self.policy = policy
        self.evaluatedAt = evaluatedAt
        self.inventorySHA256 = inventorySHA256
        self.checklistSHA256 = checklistSHA256
        self.dataroom = dataroom
    }

    /// The `provenance` member of the evaluation documents (the interface's `Provenance`).
    public var json: JSONValue {
        .object([
            ("exitready", .string(exitready)),
            ("rules", .integer(rules)),
            (
                "weights",
                .object(
                    [
                        ("contract", policy.contractWeight), ("dataroom", policy.dataroomWeight),
                        ("processes", policy.processesWeight), ("staff", policy.staffWeight),
                    ].map { ($0, Self.number($1)) })
            ),
            ("bands", .object([("ready", .number(policy.readyThreshold)), ("at_risk", .number(policy.atRiskThreshold))])),
            ("evaluated_at", .string(evaluatedAt)),
            ("inventory_sha256", .string(inventorySHA256)),
            ("checklist_sha256", .string(checklistSHA256)),
            ("dataroom", dataroom?.json ?? .null),
        ])
    }

    /// Whole weights as integers, others as they are (the interface's `Weights` are floats).
    private static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
    }
}

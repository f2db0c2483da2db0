extension RegisteredAction {
    /// The `action` object of a finding; `accepted` says whether the acceptance is in force.
    public func json(accepted: Bool) -> JSONValue {
        .object([
            ("owner", .string(owner)),
            ("due", .string(due?.iso)),
            ("state", .string(state.rawValue)),
            ("until", .string(until?.iso)),
            ("note", .string(note)),
            ("accepted", .bool(accepted)),
        ])
    }
}

public enum Severity: String, Sendable, CaseIterable {
    case info, warning, critical, security

    /// Critical and security findings come first wherever people see a few of many.
    public var isUrgent: Bool { self == .critical || self == .security }
}

public enum Severity: String, Sendable, CaseIterable {
    case info, warning, critical, security
}

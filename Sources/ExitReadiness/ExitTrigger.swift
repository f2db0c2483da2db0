/// Events on which the exit plan is invoked.
public enum ExitTrigger: String, Sendable, CaseIterable {
    case endOfTerm = "end-of-term"
    case forCause = "for-cause"
    case insolvency
    case changeOfControl = "change-of-control"
}

/// The four scored families plus the timeline and the action register, which only warn.
public enum Family: String, Sendable, CaseIterable {
    case contract, dataroom, processes, staff, timeline
    case actions
}

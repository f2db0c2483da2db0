/// The four scored families plus the timeline, which only warns.
public enum Family: String, Sendable, CaseIterable {
    case contract, dataroom, processes, staff, timeline
}

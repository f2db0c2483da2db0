/// The four scored families plus the timeline and the register of information, which only warn.
public enum Family: String, Sendable, CaseIterable {
    case contract, dataroom, processes, staff, timeline, register
}

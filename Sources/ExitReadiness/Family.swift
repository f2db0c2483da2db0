/// The four scored families, plus the timeline, the action register and the register of
/// information, which only warn.
public enum Family: String, Sendable, CaseIterable {
    case contract, dataroom, processes, staff, timeline, actions, register

    /// The families that have a score, in report order.
    public static let scored: [Family] = [.contract, .dataroom, .processes, .staff]
}

public enum IPOwner: String, Sendable, CaseIterable {
    case client, shared, supplier, unclear

    /// The C09 credit for this ownership.
    var credit: Double {
        switch self {
        case .client, .shared: 1
        case .supplier: 0.5
        case .unclear: 0
        }
    }
}

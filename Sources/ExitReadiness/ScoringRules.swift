/// The scoring rules exitready applies. Their version changes whenever a score computed from
/// the same inventory could change, so that scores of different versions are not compared.
public enum ScoringRules {
    public static let version = 1
}

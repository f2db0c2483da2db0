/// Person-days it takes to resolve one finding of each code that costs points.
///
/// Efforts are positive multiples of half a day, at most 365 days; they are kept in half-days,
/// so plans add whole numbers. The defaults are those of exitreadyd.conf(5); its `[Effort]`
/// section overrides them.
public struct EffortTable: Sendable, Equatable {
    private var halfDays: [FindingCode: Int]

    /// The largest effort of one action, in days.
    public static let maximumDays = 365.0

    /// The codes that cost points and so have an effort: every check of the four scored
    /// families (not T01 or D90).
    public static let codes: [FindingCode] = [
        .c01, .c02, .c03, .c04, .c05, .c06, .c07, .c08, .c09, .c10, .c11, .c12, .c13, .c14, .c15, .c16, .c17,
        .d00, .d01, .d02, .p00, .p01, .p02, .p03, .p04, .p05, .s00, .s01, .s02, .s03, .s04,
    ]

    private static let defaultDays: [FindingCode: Double] = [
        .c01: 10, .c02: 2, .c03: 10, .c04: 1, .c05: 5, .c06: 3, .c07: 1, .c08: 3, .c09: 5, .c10: 3, .c11: 3,
        .c12: 3, .c13: 5, .c14: 5, .c15: 3, .c16: 10, .c17: 20, .d00: 10, .d01: 2, .d02: 1, .p00: 10, .p01: 2,
        .p02: 0.5, .p03: 0.5, .p04: 5, .p05: 2, .s00: 5, .s01: 5, .s02: 10, .s03: 20, .s04: 3,
    ]

    /// The defaults.
    public init() {
        halfDays = Self.defaultDays.mapValues { Int($0 * 2) }
    }

    /// The effort of `code` in days, nil for a code that costs no points.
    public func days(for code: FindingCode) -> Double? {
        halfDays[code].map { Double($0) / 2 }
    }

    /// The effort of `code` in half-days, nil for a code that costs no points.
    public func halfDays(for code: FindingCode) -> Int? {
        halfDays[code]
    }

    /// The default effort of `code` in days.
    public static func defaultDays(for code: FindingCode) -> Double? {
        defaultDays[code]
    }

    /// Sets the effort of a code that costs points; `days` must pass `isValid(days:)`.
    public mutating func set(_ code: FindingCode, days: Double) {
        precondition(Self.codes.contains(code) && Self.isValid(days: days), "invalid effort \(days) for \(code)")
        halfDays[code] = Int(days * 2)
    }

    /// A positive multiple of 0.5, at most 365.
    public static func isValid(days: Double) -> Bool {
        days > 0 && days <= maximumDays && (days * 2).rounded() == days * 2
    }
}

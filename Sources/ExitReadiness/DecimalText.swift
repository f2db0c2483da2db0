/// Numbers as reports, alerts and status lines print them.
public enum DecimalText {
    /// `value` with exactly `decimals` decimals, rounded half away from zero as scores are.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int(roundHalfAwayFromZero(value * Double(scale), decimals: 0))
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        guard decimals > 0 else { return sign + String(magnitude) }
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A score: one decimal.
    public static func score(_ value: Double) -> String { fixed(value, 1) }
}

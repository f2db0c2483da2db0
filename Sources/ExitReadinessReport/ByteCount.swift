import ExitReadiness

/// Byte counts for people: `1.2 GiB`, `512 B`.
public enum ByteCount {
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\(DecimalText.fixed(value, 1)) \(units[unit])"
    }
}

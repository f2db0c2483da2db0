/// The version of exitready, reported by `exitreadyctl --version`, `exitreadyd --version`,
/// `org.varlink.service.GetInfo` and `io.exitready.Monitor.GetStatus`.
public enum ExitReadyVersion {
    public static let current = "0.1.0"
}

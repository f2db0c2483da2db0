import ArgumentParser
import ExitReadinessProtocol

/// `exitreadyctl metrics`: the daemon's metrics in the Prometheus text format, as it writes
/// them to `MetricsFile=`.
package struct MetricsCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the daemon's metrics in the Prometheus text format.",
        discussion: """
            The same text exitreadyd writes to MetricsFile= after each evaluation (for node_exporter's \
            textfile collector), read now. With --json: {"text": ...}. Exit status: 0 printed, \
            3 unknown (daemon unreachable).
            """
    )

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        let reply = OnlineClient.call(.getMetrics, options: online)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(reply["text"]?.stringValue ?? "")
        }
    }
}

import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl reload`: asks the daemon to re-read its configuration and inventory.
package struct ReloadCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Ask the daemon to re-read its configuration and inventory, then evaluate (privileged).",
        discussion: """
            Inventory errors do not fail the reload: the daemon keeps scoring the last valid inventory and \
            exitreadyctl status lists them. An invalid configuration does: it is not taken, the previous one \
            stays in force, and the error (FILE:LINE) goes to standard error. Exit status: 0 reloaded, 1 the \
            configuration is invalid and was not reloaded, 3 unknown (daemon unreachable), 4 permission denied.
            """
    )

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        let reply = OnlineClient.call(.reload, options: online, timeout: 600)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(EvaluateCommand.render("Reloaded and evaluated", reply, style: TerminalStyle.forStandardOutput()))
        }
        Output.finish(status: 0)
    }
}

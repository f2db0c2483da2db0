import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// One call to exitreadyd for an online command: the reply parameters, or a message on
/// standard error and the documented exit status for each way it can fail.
package enum OnlineClient {
    /// The daemon refused a privileged call (as LSB init scripts report insufficient privilege).
    static let permissionDenied: Int32 = 4

    /// A reload found the configuration invalid and kept the previous one.
    static let configurationNotReloaded: Int32 = 1

    /// The largest reply accepted: the daemon is trusted, and one contract with thousands of
    /// processes and key persons has as many findings.
    package static let maximumReplySize = 1 << 30

    /// Makes `call` and returns its reply parameters; any failure ends the process. With
    /// `plugin`, a failure also prints `EXITREADY UNKNOWN - why` on standard output, as a
    /// monitoring plugin must.
    package static func call(_ call: MonitorCall, options: OnlineOptions, timeout seconds: Double = 30, plugin: Bool = false)
        -> JSONValue
    {
        let reply: VarlinkReply
        do {
            reply = try send(call, options: options, timeout: seconds)
        } catch {
            if plugin { Output.out(PluginLine.unknown(why(error)).text) }
            fail(error)
        }
        guard reply.error == nil else {
            if plugin { Output.out(PluginLine.unknown(why(reply)).text) }
            fail(reply, call: call, options: options)
        }
        return reply.parameters
    }

    /// Makes `call` as `call(_:options:)` does and also returns the bytes of its reply
    /// parameters as the daemon sent them (compact JSON), to print them without encoding them
    /// again.
    static func callKeepingParameterBytes(_ call: MonitorCall, options: OnlineOptions, timeout seconds: Double = 30) -> (
        parameters: JSONValue, bytes: ArraySlice<UInt8>?
    ) {
        let received: (reply: VarlinkReply, bytes: [UInt8])
        do {
            let timeout = options.timeout(default: seconds)
            let connection = try VarlinkConnection(
                path: options.socketPath, timeout: timeout, maximumMessageSize: maximumReplySize)
            received = try connection.callKeepingBytes(call.varlinkCall, timeout: timeout)
        } catch {
            fail(error)
        }
        guard received.reply.error == nil else { fail(received.reply, call: call, options: options) }
        let range = received.bytes.withUnsafeBytes { JSONParser.memberValueRange("parameters", in: $0) }
        return (received.reply.parameters, range.map { received.bytes[$0] })
    }

    private static func send(_ call: MonitorCall, options: OnlineOptions, timeout seconds: Double) throws(VarlinkClientError)
        -> VarlinkReply
    {
        let timeout = options.timeout(default: seconds)
        let connection = try VarlinkConnection(path: options.socketPath, timeout: timeout, maximumMessageSize: maximumReplySize)
        return try connection.call(call.varlinkCall, timeout: timeout)
    }

    /// The ids of the contracts the daemon scores; empty when it cannot tell.
    static func contractIDs(options: OnlineOptions) -> [String] {
        guard let reply = try? send(.getScores(top: 0), options: options, timeout: 5), reply.error == nil else { return [] }
        return (reply.parameters["contracts"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    /// The summary of a failure for a monitoring system; the details go to standard error.
    private static func why(_ error: VarlinkClientError) -> String {
        if error.isUnreachable { return "exitreadyd cannot be reached" }
        if case .timedOut = error { return "exitreadyd did not answer in time" }
        return "the connection to exitreadyd failed"
    }

    private static func why(_ reply: VarlinkReply) -> String {
        switch reply.error {
        case MonitorInterface.notEvaluatedYet: "exitreadyd has not finished its first evaluation yet"
        case MonitorInterface.unavailable: "exitreadyd cannot answer now"
        case MonitorInterface.noValidInventory: "no valid inventory yet, nothing is scored"
        default: "exitreadyd answered with an error"
        }
    }

    /// Calls `Watch` and hands each reply to `body` as it arrives; returns only when the
    /// daemon ends the stream (it is stopping), which ends the process with status 3.
    static func watch(options: OnlineOptions, _ body: (JSONValue) -> Void) -> Never {
        do {
            let connection = try VarlinkConnection(
                path: options.socketPath, timeout: options.timeout(default: 30),
                maximumMessageSize: maximumReplySize)
            try connection.send(MonitorCall.watch.varlinkCall, timeout: options.timeout(default: 30))
            while true {
                let reply = try connection.receive(timeout: nil)
                guard reply.error == nil else { fail(reply, call: .watch, options: options) }
                body(reply.parameters)
                if !reply.continues { Output.finish(status: 0) }
            }
        } catch {
            if case .connectionClosed = error {
                Output.error("exitreadyctl: exitreadyd closed the connection (it is stopping)")
                Output.finish(status: PluginStatus.unknown)
            }
            fail(error)
        }
    }

    /// The daemon could not be reached or broke off: status 3.
    static func fail(_ error: VarlinkClientError) -> Never {
        Output.error("exitreadyctl: \(error)")
        Output.finish(status: PluginStatus.unknown)
    }

    /// The daemon answered with an error. For an unknown contract id, the closest id the daemon
    /// scores is suggested.
    static func fail(_ reply: VarlinkReply, call: MonitorCall, options: OnlineOptions) -> Never {
        let name = reply.error ?? ""
        switch name {
        case MonitorInterface.contractNotFound:
            let id = reply.parameters["id"]?.stringValue ?? "?"
            let hint = Suggestion.closest(to: id, among: contractIDs(options: options)).map { "; did you mean \($0)?" } ?? ""
            Output.error("exitreadyctl: no contract \(TerminalSafe.escape(id)) in the daemon's inventory\(hint)")
        case MonitorInterface.notEvaluatedYet:
            Output.error("exitreadyctl: exitreadyd has not finished its first evaluation yet; try again shortly")
        case MonitorInterface.unavailable:
            Output.error("exitreadyctl: exitreadyd cannot answer now: \(reply.parameters["reason"]?.stringValue ?? "?")")
        case MonitorInterface.noValidInventory:
            Output.error(noValidInventoryMessage(reply.parameters))
        case MonitorInterface.configurationInvalid:
            Output.error(
                "exitreadyctl: the configuration was not reloaded: \(configurationProblem(reply.parameters))\n"
                    + "exitreadyd keeps the previous configuration in force and evaluated with it; fix the file and reload again."
            )
            Output.finish(status: configurationNotReloaded)
        default:
            switch VarlinkServiceError(reply: reply) {
            case .permissionDenied?:
                Output.error(
                    "exitreadyctl: permission denied: \(call.member) is for root, the daemon's user and members "
                        + "of its AdminGroup=")
                Output.finish(status: permissionDenied)
            case .invalidParameter(let parameter)?:
                Output.error("exitreadyctl: exitreadyd rejected \(call.member): \(parameter)")
            case let standard?:
                Output.error("exitreadyctl: exitreadyd answered \(call.member) with an error: \(standard)")
            case nil:
                Output.error("exitreadyctl: exitreadyd answered \(call.member) with \(name) \(reply.parameters.serialized())")
            }
        }
        Output.finish(status: PluginStatus.unknown)
    }

    /// `FILE:LINE: message` of a `ConfigurationProblem` (or of the `ConfigurationInvalid` error).
    static func configurationProblem(_ problem: JSONValue) -> String {
        let file = TerminalSafe.escape(problem["file"]?.stringValue ?? "?")
        let line = problem["line"]?.intValue ?? 0
        let message = TerminalSafe.escape(problem["message"]?.stringValue ?? "")
        return line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }

    /// `FILE:LINE:COLUMN: message` of an `InventoryError`, or `FILE:LINE:COLUMN: warning: message`.
    static func inventoryError(_ error: JSONValue, severity: String? = nil) -> String {
        let place = "\(error["file"]?.stringValue ?? "?"):\(error["line"]?.intValue ?? 0):\(error["column"]?.intValue ?? 0)"
        return TerminalSafe.escape(place) + ": " + (severity.map { "\($0): " } ?? "")
            + TerminalSafe.escape(error["message"]?.stringValue ?? "")
    }

    /// What to do when the daemon has never had a valid inventory: the errors, and how to see all.
    static func noValidInventoryMessage(_ parameters: JSONValue) -> String {
        let errors = parameters["errors"]?.arrayValue ?? []
        let count = parameters["error_count"]?.intValue ?? errors.count
        var lines = [
            "exitreadyctl: exitreadyd has no valid inventory yet, so nothing is scored; "
                + "fix \(count == 1 ? "this error" : "these \(count) errors") and it evaluates again:"
        ]
        lines += errors.map { "  " + inventoryError($0) }
        if count > errors.count {
            lines.append("  … and \(count - errors.count) more: exitreadyctl validate lists them all")
        }
        return lines.joined(separator: "\n")
    }

    /// The monitoring-plugin status of a band: 0 ready, 1 at-risk, 2 not-ready, 3 anything else.
    package static func exitStatus(band: String?) -> Int32 {
        band.flatMap(Band.init(rawValue:))?.exitStatus ?? PluginStatus.unknown
    }
}

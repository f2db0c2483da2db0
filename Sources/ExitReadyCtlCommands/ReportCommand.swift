import ArgumentParser
import ExitReadiness
import ExitReadinessBoard
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadyCtlOnline

/// `exitreadyctl report`: the report for a board or an auditor, as one self-contained HTML
/// file or as PDF. Asks the daemon; with any of check's inventory options it evaluates offline
/// (then without trend and changes, which need the daemon's history).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the exit readiness report for a board or an auditor (HTML or PDF).",
        discussion: "Asks exitreadyd, or with --inventory, --checklist, --dataroom, --database, --now or --config "
            + "evaluates offline as check does (no trend, no changes). --format pdf needs Chromium (Debian package "
            + "chromium). Exit status: 0 written, 3 unknown (invalid input, daemon unreachable, the file cannot be "
            + "written), 69 Chromium is missing for --format pdf."
    )

    /// The exit status when a program the command needs is missing (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, pdf
    }

    @Option(
        name: .long,
        help: ArgumentHelp("Write the report here (default: exitready-report-DAY.html or .pdf).", valueName: "file"),
        completion: .file(extensions: ["html", "pdf"]))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("html, or pdf printed by headless Chromium.", valueName: "format"))
    var format: Format = .html

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Trend and changes since this date, or this many days back (default 365d).", valueName: "YYYY-MM-DD|Nd"))
    var since: OnlineSince?

    @Option(
        name: .long,
        help: ArgumentHelp("A section for this contract (repeat for more; default: the not-ready ones).", valueName: "id"),
        completion: ContractCompletion.kind)
    var contract: [String] = []

    @Flag(name: .long, help: "A section for every contract.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("At most this many sections of not-ready contracts.", valueName: "n"))
    var sections = 50

    @OptionGroup var online: OnlineOptions

    @OptionGroup var offline: OfflineOptions

    /// The longest Chromium may take to print.
    static let printDeadline = Duration.seconds(300)

    func validate() throws {
        if online.json { throw ValidationError("--json is not a report format; use check --json or scores --json") }
        if sections < 0 { throw ValidationError("--sections must be 0 or more") }
        if all && !contract.isEmpty { throw ValidationError("give --all or --contract, not both") }
    }

    func run() throws {
        // Before any work: a PDF needs Chromium.
        let printer = format == .pdf ? ChromiumPrinter.onPath() : nil
        if format == .pdf && printer == nil {
            Output.error(
                "exitreadyctl: --format pdf needs chromium on PATH (Debian package \(ChromiumPrinter.package)); "
                    + "install it, or write HTML with --format html and print that")
            Output.finish(status: Self.unavailable)
        }
        let report = try offline.isOffline ? offlineReport() : onlineReport()
        let html = Array(report.html().utf8)
        let day = report.summary["evaluated"]?.stringValue ?? "report"
        let path = output ?? "exitready-report-\(day).\(format.rawValue)"
        do {
            if let printer {
                try printer.print(html: html, to: path, deadline: Self.printDeadline)
            } else {
                try AtomicFile.write(html, to: path)
            }
        } catch {
            Output.error("exitreadyctl: \(error)")
            Output.finish(status: PluginStatus.unknown)
        }
        Output.out("\(path)\n")
        Output.finish(status: 0)
    }

    // MARK: Offline

    private func offlineReport() throws -> BoardReport {
        let (evaluation, configuration) = try offline.evaluate(forecastDays: ContractForecast.defaultHorizonDays)
        let today = evaluation.evaluated
        let directory = offline.inventoryDirectory
        let summary = evaluation.summaryJSON(topFindings: 0)
        let chosen = BoardReport.sectionIDs(summary, named: contract, all: all, limit: sections)
        var report = BoardReport(
            title: configuration.reportTitle, source: "the inventory \(directory), evaluated offline", summary: summary,
            since: since?.day ?? today.adding(days: -365), scoring: BoardReport.Scoring(configuration.scoring))
        report.sectionsLeftOut = chosen.leftOut
        report.forecast =
            evaluation.forecastJSON(horizonDays: ContractForecast.defaultHorizonDays, policy: configuration.scoring)?[
                "portfolio"]
        let planner = ContractPlanner(policy: configuration.scoring, effort: configuration.effort)
        for id in chosen.ids {
            guard let score = evaluation.contract(withID: id) else { offline.noSuchContract(id, among: evaluation) }
            report.sections.append(score.json(today: evaluation.evaluated))
            report.plans[id] = planner.plan(score, target: nil).json
        }
        return report
    }

    // MARK: Online

    private func onlineReport() throws -> BoardReport {
        let summary = OnlineClient.call(.getScores(top: 0), options: online)
        let evaluated = summary["evaluated"]?.stringValue.flatMap { Day(iso: $0) } ?? LocalCalendar.today()
        let start = since?.day ?? evaluated.adding(days: -365)
        let configuration = (try? ConfigurationLoader.load(path: DefaultPaths.configuration)) ?? DaemonConfiguration()
        var scoring = BoardReport.Scoring(configuration.scoring)
        // The daemon's thresholds win over those of a configuration file this client may read differently.
        let bands = summary["provenance"]?["bands"] ?? OnlineClient.call(.getStatus, options: online)["bands"]
        if let ready = bands?["ready"]?.doubleValue, let atRisk = bands?["at_risk"]?.doubleValue {
            scoring.ready = ready
            scoring.atRisk = atRisk
        }
        if let weights = summary["provenance"]?["weights"] {
            let value = { (family: String) in weights[family]?.doubleValue ?? 0 }
            scoring.weights = (value("contract"), value("dataroom"), value("processes"), value("staff"))
        }
        var report = BoardReport(
            title: configuration.reportTitle, source: "exitreadyd at \(online.socketPath)", summary: summary, since: start,
            scoring: scoring)
        let chosen = BoardReport.sectionIDs(summary, named: contract, all: all, limit: sections)
        report.sectionsLeftOut = chosen.leftOut
        let days = evaluated.days(since: start) + 1
        for id in chosen.ids {
            let reply = OnlineClient.call(.getContract(id: id), options: online)
            report.sections.append(reply["contract"] ?? .null)
            report.plans[id] =
                OnlineClient.call(.getPlan(contract: id, target: nil, budget: nil), options: online)["contract_plan"]
            report.contractHistory[id] =
                OnlineClient.call(.getHistory(contract: id, since: start, limit: days, every: false), options: online)[
                    "entries"]?.arrayValue ?? []
        }
        report.portfolioHistory =
            OnlineClient.call(.getHistory(contract: nil, since: start, limit: days, every: false), options: online)["entries"]?
            .arrayValue ?? []
        report.alerts = OnlineClient.call(.getAlerts(since: start, limit: 100_000), options: online)["alerts"]?.arrayValue ?? []
        report.changes = changes(since: start)
        if case .success(let reply) = optionalCall(.getForecast(contract: nil, horizon: nil)) {
            report.forecast = reply["portfolio"]
        }
        return report
    }

    /// `GetChanges` since `start`, when the daemon has it.
    private func changes(since start: Day) -> BoardReport.Changes {
        switch optionalCall(.getChanges(contract: nil, since: start)) {
        case .success(let reply): .available(reply)
        case .failure(let reason): .unavailable(reason.text)
        }
    }

    /// Why a part of the report the daemon may lack is left out.
    private struct Unavailable: Error {
        var text: String
    }

    /// A call whose failure leaves a part of the report out instead of ending the command: an
    /// older exitreadyd may not have the method.
    private func optionalCall(_ call: MonitorCall) -> Result<JSONValue, Unavailable> {
        do {
            let timeout = online.timeout(default: 30)
            let connection = try VarlinkConnection(
                path: online.socketPath, timeout: timeout, maximumMessageSize: OnlineClient.maximumReplySize)
            let reply = try connection.call(call.varlinkCall, timeout: timeout)
            guard reply.error != nil else { return .success(reply.parameters) }
            if case .methodNotFound? = VarlinkServiceError(reply: reply) {
                return .failure(
                    Unavailable(text: "this exitreadyd does not have \(call.member); upgrade it to see this part."))
            }
            return .failure(Unavailable(text: "exitreadyd answered \(call.member) with \(reply.error ?? "an error")."))
        } catch {
            return .failure(Unavailable(text: "\(call.member) failed: \(error)."))
        }
    }
}

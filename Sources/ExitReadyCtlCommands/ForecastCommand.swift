import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadyCtlOnline

/// `exitreadyctl forecast [CONTRACT] [--horizon DAYS]`: when readiness will change if nothing is
/// done. Asks the daemon (GetForecast); with any of check's inventory options it evaluates
/// offline instead.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast when readiness will fall if nothing is done.",
        discussion: "Evaluates the same inventory and dataroom on every day of the horizon and lists the days the "
            + "rounded score or the band changes, with the checks that start or stop failing. Asks exitreadyd, or "
            + "with --inventory, --checklist, --dataroom, --database, --now or --config evaluates offline as check "
            + "does. Exit status: 0 a forecast was printed, 3 unknown (invalid input, no such contract, daemon "
            + "unreachable)."
    )

    @Argument(help: "Contract id (default: the portfolio and every contract).", completion: ContractCompletion.kind)
    var contract: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Days after today to forecast, 1 to \(ContractForecast.maximumHorizonDays).", valueName: "days"))
    var horizon = ContractForecast.defaultHorizonDays

    @OptionGroup var online: OnlineOptions

    @OptionGroup var offline: OfflineOptions

    func validate() throws {
        guard (1...ContractForecast.maximumHorizonDays).contains(horizon) else {
            throw ValidationError("--horizon must be from 1 to \(ContractForecast.maximumHorizonDays) days")
        }
    }

    func run() throws {
        let (document, today) = offline.isOffline ? try offlineForecast() : onlineForecast()
        if online.json {
            Output.out(document)
        } else {
            let report = ForecastReport(style: TerminalStyle.forStandardOutput(), today: today)
            Output.out(contract == nil ? report.portfolio(document) : report.contract(document))
        }
        Output.finish(status: 0)
    }

    /// The document and the day it starts from.
    private func onlineForecast() -> (JSONValue, Day) {
        let reply = OnlineClient.call(.getForecast(contract: contract, horizon: horizon), options: online)
        let today = reply["evaluated"]?.stringValue.flatMap { Day(iso: $0) } ?? LocalCalendar.today()
        guard contract != nil else { return (reply, today) }
        return (reply["contracts"]?.arrayValue?.first ?? .null, today)
    }

    private func offlineForecast() throws -> (JSONValue, Day) {
        let (evaluation, configuration) = try offline.evaluate(forecastDays: horizon)
        guard let contract else {
            return (evaluation.forecastJSON(horizonDays: horizon, policy: configuration.scoring) ?? .null, evaluation.evaluated)
        }
        guard let document = evaluation.forecastJSON(contract: contract, horizonDays: horizon) else {
            offline.noSuchContract(contract, among: evaluation)
        }
        return (document, evaluation.evaluated)
    }
}

/// The `io.exitready.Monitor` interface: its name and its definition as served by
/// `org.varlink.service.GetInterfaceDescription`.
public enum MonitorInterface {
    public static let name = "io.exitready.Monitor"

    /// `io.exitready.Monitor.ContractNotFound (id: string)`
    public static let contractNotFound = name + ".ContractNotFound"
    /// `io.exitready.Monitor.NotEvaluatedYet ()`
    public static let notEvaluatedYet = name + ".NotEvaluatedYet"
    /// `io.exitready.Monitor.Unavailable (reason: string)`
    public static let unavailable = name + ".Unavailable"
    /// `io.exitready.Monitor.NoValidInventory (error_count: int, errors: []InventoryError)`
    public static let noValidInventory = name + ".NoValidInventory"
    /// `io.exitready.Monitor.ConfigurationInvalid (file: string, line: int, message: string)`
    public static let configurationInvalid = name + ".ConfigurationInvalid"

    /// The interface definition, byte for byte the file `io.exitready.Monitor.varlink` beside
    /// this source (a test keeps the two identical: edit the file, then paste it here).
    public static let description = #"""
        # Exit readiness of outsourcing contracts, as scored by exitreadyd.
        #
        # Scores are 0-100, rounded to one decimal; bands are "ready", "at-risk" and "not-ready";
        # dates are YYYY-MM-DD; times are RFC 3339 in UTC. See exitready-inventory(5) for the
        # formulas and exitreadyctl(1) for a client.
        interface io.exitready.Monitor

        # The portfolio: the weighted mean of the active contracts (null when none is active).
        type Portfolio (
          score: ?float,
          band: ?string,
          weakest: ?string,
          active_contracts: int
        )

        type Families (
          contract: float,
          dataroom: float,
          processes: float,
          staff: float
        )

        # The action register's row for a finding (exitready-inventory(5)). state: "open", "done" or
        # "accepted"; due and until: YYYY-MM-DD; accepted: the acceptance is in force (until is today
        # or later): the finding still costs its points but is left out of the top findings.
        type Action (
          owner: ?string,
          due: ?string,
          state: string,
          until: ?string,
          note: ?string,
          accepted: bool
        )

        # One reason a contract lost points. impact: points of the overall score lost. action: the
        # action register's row for it, absent when there is none.
        type Finding (
          code: string,
          family: string,
          severity: string,
          subject: ?string,
          impact: float,
          message: string,
          remedy: string,
          action: ?Action
        )

        # Findings of a contract counted per severity.
        type FindingCounts (
          critical: int,
          security: int,
          warning: int,
          info: int
        )

        # A finding in a few words (GetContract has its severity, message and remedy).
        type FindingBrief (
          code: string,
          subject: ?string,
          impact: float
        )

        # The first day a forecast's band differs from the day before, and the band it changes to.
        type BandChange (
          day: string,
          band: string
        )

        # A finding in a forecast: code and subject; contract in the portfolio's forecast only.
        type ForecastFinding (
          contract: ?string,
          code: string,
          subject: ?string
        )

        # A day on which the rounded score or the band differs from the day before: the score and band
        # from that day (null for a portfolio without an active contract), the findings that appeared
        # and disappeared that day, and those present both days that lose more points that day.
        type ForecastChange (
          day: string,
          score: ?float,
          band: ?string,
          appeared: []ForecastFinding,
          disappeared: []ForecastFinding,
          worsened: []ForecastFinding
        )

        # A contract's forecast: today's score and band, the changes within the horizon, and the first
        # of them that changes the band (null when the band holds).
        type ContractForecast (
          contract: string,
          horizon_days: int,
          score: float,
          band: string,
          changes: []ForecastChange,
          next_band_change: ?BandChange
        )

        # The portfolio's forecast: the weighted mean of the contracts active on each day.
        # next_band_change: as in ContractForecast; its band is null from the day the last active
        # contract ends.
        type PortfolioForecast (
          score: ?float,
          band: ?string,
          changes: []ForecastChange,
          next_band_change: ?PortfolioBandChange
        )

        # The first day the portfolio's band differs from the day before, and that band.
        type PortfolioBandChange (
          day: string,
          band: ?string
        )

        # A contract in GetScores: what a table of contracts shows, its findings counted per severity
        # and the costliest of them (the first in report order that costs points; null when none
        # does). effort_to_ready and next_band_change as in Contract. GetContract gives the service, the exit horizon and
        # every finding.
        type ContractSummary (
          id: string,
          supplier: string,
          status: string,
          criticality: string,
          score: float,
          band: string,
          families: Families,
          term_end: string,
          notice_deadline: string,
          days_to_notice_deadline: int,
          effort_to_ready: ?float,
          next_band_change: ?BandChange,
          finding_counts: FindingCounts,
          costliest_finding: ?FindingBrief
        )

        # One of the findings that matter most over the whole portfolio, with its contract (as in
        # Finding; accepted findings are never among them).
        type TopFinding (
          contract: string,
          code: string,
          family: string,
          severity: string,
          subject: ?string,
          impact: float,
          message: string,
          remedy: string,
          action: ?Action
        )

        # A contract with every finding. next_band_change: the first day within 365 days of the
        # evaluation on which the forecast's band differs from the day before; null when it holds.
        type Contract (
          id: string,
          supplier: string,
          service: string,
          status: string,
          criticality: string,
          score: float,
          band: string,
          families: Families,
          term_end: string,
          notice_deadline: string,
          days_to_notice_deadline: int,
          exit_horizon: string,
          effort_to_ready: ?float,
          next_band_change: ?BandChange,
          findings: []Finding
        )

        # One action of a plan: resolve the finding code/subject. fixes: what the check looks at.
        # gain: points of the contract's uncapped score it wins; score_after: the contract's score
        # once it and the steps before it are done. contract: in portfolio plans.
        type PlanStep (
          contract: ?string,
          code: string,
          subject: ?string,
          fixes: string,
          gain: float,
          effort_days: float,
          score_after: float,
          action: ?object
        )

        # reachable false: even every open action does not reach the target; steps lists them all.
        type ContractPlan (
          contract: string,
          target: float,
          score: float,
          score_after: float,
          effort_days: float,
          reachable: bool,
          steps: []PlanStep
        )

        # portfolio_gain: what the steps add to the portfolio score, unrounded.
        type PortfolioPlan (
          budget_days: float,
          effort_days: float,
          score: ?float,
          score_after: ?float,
          portfolio_gain: float,
          actions: int,
          contracts: int,
          steps: []PlanStep
        )

        # One stored evaluation of a contract, or of the portfolio when contract is null.
        type HistoryEntry (
          evaluated_at: string,
          day: string,
          contract: ?string,
          score: ?float,
          band: ?string
        )

        # An alert raised. id: as EXITREADY_ALERT_ID in its journal entry, DATABASE-NUMBER (the
        # database's id and the alert's number in it). action: for kind "action-overdue", the row's
        # CODE/SUBJECT (the code alone for staff findings), as EXITREADY_ACTION; null otherwise.
        # forecast_date: for kind "forecast-drop", the day the band will fall to band, as
        # EXITREADY_FORECAST_DATE; null otherwise.
        type Alert (
          id: string,
          at: string,
          kind: string,
          priority: string,
          scope: string,
          contract: ?string,
          score: ?float,
          previous_score: ?float,
          band: ?string,
          previous_band: ?string,
          findings: []string,
          action: ?string,
          forecast_date: ?string,
          message: string
        )

        # A problem of the inventory, as FILE:LINE:COLUMN: message.
        type InventoryError (
          file: string,
          line: int,
          column: int,
          message: string
        )

        # A configuration file that a reload did not take: FILE:LINE: message (line 0: no line is to
        # blame).
        type ConfigurationProblem (
          file: string,
          line: int,
          message: string
        )

        # The score thresholds in force: the lowest rounded scores that are ready and at-risk.
        type Bands (
          ready: float,
          at_risk: float
        )

        # The family weights in force.
        # Any number from 0 to 1000000 (ContractWeight= and the others); whole ones are sent as integers.
        type Weights (
          contract: float,
          dataroom: float,
          processes: float,
          staff: float
        )

        # The dataroom's scanned files in one digest: the SHA-256 of the lines "HASH  CONTRACT/PATH"
        # in byte order of the path (see exitready-inventory(5)); scanned_at: when that scan finished.
        type DataroomDigest (
          scanned_at: string,
          files: int,
          sha256: string
        )

        # What an evaluation was computed from (see exitready-inventory(5) for the coreutils commands
        # that recompute the digests). rules: the scoring rules version; evaluated_at: RFC 3339;
        # dataroom: null while the dataroom's files are not all hashed.
        type Provenance (
          exitready: string,
          rules: int,
          weights: Weights,
          bands: Bands,
          evaluated_at: string,
          inventory_sha256: string,
          checklist_sha256: string,
          dataroom: ?DataroomDigest
        )

        # What changed for one contract since a day: findings that appeared and were resolved,
        # the score and band then (the day's last evaluation on or before since; null if none) and now.
        type ContractChanges (
          contract: string,
          score_then: ?float,
          band_then: ?string,
          score_now: float,
          band_now: string,
          appeared: []FindingBrief,
          resolved: []FindingBrief
        )

        # The daemon and its last evaluation. inventory_revision: the revision of the inventory being
        # scored, null while no valid inventory was read since the start (then inventory_errors says
        # why nothing is scored). dataroom: "ok", "unreachable" (scores carried over from the last
        # scan) or "unknown" (never scanned). configuration_error: the last reload (Reload or SIGHUP)
        # found the configuration invalid and kept the previous one in force; null once a reload
        # succeeds. bands: the thresholds in force. inventory_warnings: problems of the inventory
        # files that do not stop scoring (a review, test or audit date after the evaluation date).
        method GetStatus() -> (
          version: string,
          started_at: string,
          last_evaluation: ?string,
          next_evaluation: ?string,
          inventory_revision: ?string,
          inventory_errors: []InventoryError,
          inventory_warnings: []InventoryError,
          dataroom: string,
          portfolio: ?Portfolio,
          configuration_error: ?ConfigurationProblem,
          bands: Bands
        )

        # The last evaluation of every contract, in summary (the document of exitreadyctl check
        # --summary --json): each contract without its findings, and top_findings, the first top
        # findings of the portfolio (default 10, at most 1000): critical and security ones first,
        # then the rest, each by impact. GetContract gives a contract's every finding.
        # While the dataroom cannot be read, its scores are carried over from the last scan:
        # dataroom_stale is then true and dataroom_scanned_at says when that scan finished (null
        # when no longer known); both are absent otherwise.
        method GetScores(top: ?int) -> (
          evaluated: string,
          portfolio: Portfolio,
          provenance: Provenance,
          contracts: []ContractSummary,
          top_findings: []TopFinding,
          dataroom_stale: ?bool,
          dataroom_scanned_at: ?string
        )

        # One contract with every finding and its remedy; dataroom_stale and dataroom_scanned_at as
        # for GetScores.
        method GetContract(id: string) -> (
          evaluated: string,
          contract: Contract,
          dataroom_stale: ?bool,
          dataroom_scanned_at: ?string
        )

        # The register of information, template B_07.01 (see exitready-inventory(5)), of the last
        # evaluation: csv is the file exitreadyctl export register writes (UTF-8, CRLF line ends),
        # one row per active contract with a register block, in id order; missing names the active
        # contracts without one.
        method GetRegister() -> (
          evaluated: string,
          csv: string,
          missing: []string
        )

        # The daemon's metrics in the Prometheus text exposition format (version 0.0.4), the same
        # text exitreadyd writes to MetricsFile= after each evaluation (see exitreadyd(8)).
        method GetMetrics() -> (
          text: string
        )

        # Stored evaluations, newest first: of one contract, or of the portfolio when contract is
        # omitted. By default one entry per day, the last evaluation of that day; every: true gives
        # every evaluation (a client that sends no every, as clients before it did, gets daily
        # entries). since: YYYY-MM-DD; limit: at most this many entries, days or evaluations
        # (default 100). truncated: the limit left out older entries that match.
        method GetHistory(contract: ?string, since: ?string, limit: ?int, every: ?bool) -> (
          entries: []HistoryEntry,
          truncated: bool
        )

        # Changes since a day (YYYY-MM-DD, the daemon's time zone; default 30 days ago), one entry per
        # contract that changed (findings or rounded score), contract order as GetScores. A finding is
        # its code and subject: appeared lists those of the last evaluation that the contract did not
        # have at the end of since (every one when it has no evaluation by then), resolved those it had
        # then and has no more. An unknown contract is ContractNotFound.
        method GetChanges(contract: ?string, since: ?string) -> (
          since: string,
          evaluated: string,
          changes: []ContractChanges
        )

        # Alerts raised, newest first. since: YYYY-MM-DD, from that local midnight on (the daemon's
        # time zone); limit: default 100.
        method GetAlerts(since: ?string, limit: ?int) -> (
          alerts: []Alert
        )

        # A plan. With contract: the least work (person-days) that brings it to target (default: the
        # ready threshold; 0 < target <= 100), as ContractPlan. With budget (days, a multiple of 0.5
        # from 0 to 1000): the actions within it that raise the portfolio score most, as
        # PortfolioPlan. Computed from the last evaluation. Exactly one of contract and budget; target
        # only with contract; anything else, or a value out of range, is
        # org.varlink.service.InvalidParameter naming the parameter. An unknown contract is
        # ContractNotFound.
        method GetPlan(contract: ?string, target: ?float, budget: ?float) -> (
          evaluated: string,
          contract_plan: ?ContractPlan,
          portfolio_plan: ?PortfolioPlan
        )

        # The forecast from the last evaluation: the same inventory and dataroom evaluated on every day
        # of the horizon (days after the evaluation day, default 365, 1 to 730), reported on the days
        # the rounded score or the band changes. With contract: that contract's (portfolio null);
        # without: the portfolio's and every contract's. An unknown contract is ContractNotFound; a
        # horizon out of range is org.varlink.service.InvalidParameter.
        method GetForecast(contract: ?string, horizon: ?int) -> (
          evaluated: string,
          horizon_days: int,
          portfolio: ?PortfolioForecast,
          contracts: []ContractForecast
        )

        # Call with "more": at once a reply with the current evaluation (current is true, changed is
        # empty), if there is one, then one reply per finished evaluation (current absent), until the
        # client hangs up.
        method Watch() -> (
          evaluated: string,
          evaluated_at: string,
          portfolio: Portfolio,
          changed: []string,
          current: ?bool
        )

        # Rescan the dataroom and evaluate now (privileged).
        method Evaluate() -> (
          evaluated: string,
          evaluated_at: string,
          portfolio: Portfolio
        )

        # Re-read the configuration and the inventory, then evaluate (privileged). An invalid
        # configuration is not taken: the evaluation runs with the previous one, and the reply is
        # ConfigurationInvalid.
        method Reload() -> (
          evaluated: string,
          evaluated_at: string,
          portfolio: Portfolio
        )

        error ContractNotFound (id: string)
        # The first evaluation has not finished yet.
        error NotEvaluatedYet ()
        # Nothing is scored: the inventory has been invalid since the daemon started. errors: the
        # first of them (exitreadyctl validate lists all), error_count: how many there are.
        error NoValidInventory (error_count: int, errors: []InventoryError)
        # Reload found the configuration invalid; the previous configuration stays in force.
        error ConfigurationInvalid (file: string, line: int, message: string)
        # The daemon cannot answer now: its database failed, or the evaluation asked for did not
        # complete (reason says why); the last results keep being served.
        error Unavailable (reason: string)

        """#
}

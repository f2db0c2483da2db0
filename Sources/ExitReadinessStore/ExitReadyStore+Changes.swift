import ExitReadiness
import GRDB

extension ExitReadyStore {
    /// Every contract (or the one named) as it stood at the end of `day` (`YYYY-MM-DD`), by id;
    /// a contract with neither a score nor findings stored by then is absent.
    public func baselines(atEndOf day: String, contract: String?) throws(Error) -> [String: ContractBaseline] {
        try read { db in
            var baselines: [String: ContractBaseline] = [:]
            let filter = contract == nil ? "" : " AND contract = ?"
            let extra: StatementArguments = contract.map { [$0] } ?? []
            if let evaluation = try Int64.fetchOne(
                db, sql: "SELECT id FROM evaluations WHERE day <= ? ORDER BY day DESC, evaluated_at DESC, id DESC LIMIT 1",
                arguments: [day])
            {
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT contract, score, band FROM contract_scores WHERE evaluation_id = ?" + filter,
                    arguments: [evaluation] + extra)
                while let row = try rows.next() {
                    baselines[row[0], default: ContractBaseline()].score = row[1]
                    baselines[row[0], default: ContractBaseline()].band = row[2]
                }
            }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.contract, s.findings FROM finding_changes c JOIN finding_sets s ON s.id = c.finding_set_id
                    WHERE c.id IN (SELECT max(id) FROM finding_changes WHERE day <= ?\(filter) GROUP BY contract)
                    """, arguments: [day] + extra)
            while let row = try rows.next() {
                baselines[row[0], default: ContractBaseline()].findings = row[1]
            }
            return baselines
        }
    }
}

import GRDB
import GRDBSQLite

extension ExitReadyStore {
    /// The header of `writeDailyHistoryCSV`.
    public static let historyCSVHeader =
        "day,scope,contract,status,criticality,score,band,contract_score,dataroom_score,processes_score,staff_score\n"

    /// The daily history as CSV (header first): for each day from `since` (`YYYY-MM-DD`; nil: all)
    /// on, oldest first, the day's last evaluation as one row for the portfolio (unless
    /// `contract` is given) and one per contract (or the one named), by id. Numbers as SQLite
    /// prints them. The rows go from SQLite to `sink` in chunks, never whole in memory: a year of
    /// ten thousand contracts is 3.65 million rows.
    public func writeDailyHistoryCSV(since: String?, contract: String?, to sink: ([UInt8]) -> Void) throws(Error) {
        try read { db in
            let days = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.day, e.id, CAST(e.portfolio_score AS TEXT), e.portfolio_band FROM evaluations e
                    JOIN (SELECT id, max(evaluated_at) FROM evaluations WHERE day >= ? GROUP BY day) l ON l.id = e.id
                    ORDER BY e.day
                    """, arguments: [since ?? ""])
            let statement = try db.makeStatement(
                sql: """
                    SELECT contract, status, criticality, score, band, contract_score, dataroom_score, processes_score,
                    staff_score FROM contract_scores WHERE evaluation_id = ?\(contract == nil ? "" : " AND contract = ?")
                    ORDER BY contract
                    """)
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.csvChunk + 4096)
            buffer += Array(Self.historyCSVHeader.utf8)
            for day in days {
                let dayText: String = day[0]
                let prefix = Array(dayText.utf8) + Array(",contract,".utf8)
                if contract == nil {
                    let score: String? = day[2]
                    let band: String? = day[3]
                    let text = "\(dayText),portfolio,,,,\(score ?? ""),\(band ?? ""),,,,\n"
                    buffer += Array(text.utf8)
                }
                try statement.setArguments(contract.map { [day[1], $0] } ?? [day[1]])
                let handle = statement.sqliteStatement
                while true {
                    let step = sqlite3_step(handle)
                    if step == SQLITE_DONE { break }
                    guard step == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: step)) }
                    buffer += prefix
                    for column in 0..<9 {
                        if column > 0 { buffer.append(UInt8(ascii: ",")) }
                        if let text = sqlite3_column_text(handle, Int32(column)) {
                            buffer.append(
                                contentsOf: UnsafeBufferPointer(
                                    start: text, count: Int(sqlite3_column_bytes(handle, Int32(column)))))
                        }
                    }
                    buffer.append(UInt8(ascii: "\n"))
                    if buffer.count >= Self.csvChunk {
                        sink(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                sqlite3_reset(handle)
            }
            sink(buffer)
        }
    }

    /// Bytes handed to the sink at once.
    static let csvChunk = 1 << 18
}

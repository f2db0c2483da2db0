import Crypto
import ExitReadiness
import Foundation
import GRDB

extension ExitReadyStore {
    /// The dataroom digest of the provenance from the scan cache: the SHA-256 of the
    /// `HASH  CONTRACT/PATH` lines of every cached file of a readable contract folder, in byte
    /// order of the path, and when the last scan finished. Nil before a scan completed or while
    /// a file has no hash yet (a scan without hashing).
    public func dataroomDigest() throws(Error) -> DataroomDigest? {
        try read { db in
            guard let finished = try Double.fetchOne(db, sql: "SELECT max(finished_at) FROM scans") else { return nil }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT f.contract, f.key, f.sha256 FROM scan_files f JOIN scan_folders d ON d.contract = f.contract
                    WHERE d.unreadable = 0
                    """)
            var lines: [(path: [UInt8], sha256: [UInt8])] = []
            while let row = try rows.next() {
                guard let sha256 = row[2] as Data? else { return nil }
                let contract: String = row[0]
                let key: Data = row[1]
                lines.append(
                    (Array(contract.utf8) + [UInt8(ascii: "/")] + key.map { $0 == 0 ? UInt8(ascii: "/") : $0 }, [UInt8](sha256)))
            }
            lines.sort { $0.path.lexicographicallyPrecedes($1.path) }
            var hasher = SHA256()
            for line in lines { hasher.update(data: ChecksumLine.bytes(digest: Hex.encode(line.sha256), name: line.path)) }
            return DataroomDigest(scannedAt: UTCTime.rfc3339(finished), files: lines.count, sha256: Hex.encode(hasher.finalize()))
        }
    }
}

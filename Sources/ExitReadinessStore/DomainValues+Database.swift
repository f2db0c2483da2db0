import ExitReadiness
import GRDB

// The domain's enumerations are stored as their raw values.
extension Band: DatabaseValueConvertible {}
extension ContractStatus: DatabaseValueConvertible {}
extension Criticality: DatabaseValueConvertible {}

import ExitReadiness
import ExitReadinessInventory
import Foundation
import Testing

/// A valid `register:` block is read as declared, and the alternatives stay "absent",
/// "given empty" or listed: the register of information tells the three apart.
@Suite("Register block and alternatives are read as declared")
struct RegisterBlockTests {
    /// Contract files in a temporary inventory folder, removed when the test ends.
    final class Inventory {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)").path

        init(_ contracts: [String: String]) throws {
            try FileManager.default.createDirectory(atPath: directory + "/contracts", withIntermediateDirectories: true)
            for (id, text) in contracts {
                try text.write(toFile: directory + "/contracts/\(id).yaml", atomically: false, encoding: .utf8)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func contract(_ id: String, _ extra: String) -> String {
        """
        id: \(id)
        supplier: Acme Contact B.V.
        service: Inbound voice
        criticality: important
        start: 2023-01-01
        end: 2027-06-30
        notice_days: 180
        \(extra)
        """
    }

    @Test func blockAndAlternatives() throws {
        let inventory = try Inventory([
            "listed": Self.contract(
                "listed",
                """
                alternatives: [insource, "Beta, Inc."]
                register:
                  reference: "CA-2023-0042"
                  provider_code: 5493001KJTIIGC8Y1R12
                  provider_code_type: lei
                  ict_service_type: S19
                  substitutability: not-substitutable
                  substitutability_reason: lack-of-alternatives
                  reintegration: not-applicable
                  discontinuation_impact: not-assessed
                """),
            "empty": Self.contract("empty", "alternatives: []"),
            "absent": Self.contract("absent", "alternatives:"),
        ])
        let read = try InventoryReader().read(directory: inventory.directory)
        let listed = try #require(read.contract(withID: "listed"))
        #expect(
            listed.register
                == RegisterEntry(
                    reference: "CA-2023-0042", providerCode: "5493001KJTIIGC8Y1R12", providerCodeType: .lei,
                    ictServiceType: .s19, substitutability: .notSubstitutable, substitutabilityReason: .lackOfAlternatives,
                    reintegration: .notApplicable, discontinuationImpact: .notAssessed))
        #expect(listed.alternatives == ["insource", "Beta, Inc."] && listed.alternativesGiven)
        let empty = try #require(read.contract(withID: "empty"))
        #expect(empty.alternatives.isEmpty && empty.alternativesGiven)
        #expect(empty.register == nil)
        let absent = try #require(read.contract(withID: "absent"))
        #expect(absent.alternatives.isEmpty && !absent.alternativesGiven)
    }
}

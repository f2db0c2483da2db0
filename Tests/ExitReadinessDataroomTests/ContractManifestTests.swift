import ExitReadiness
import Foundation
import Testing

@testable import ExitReadinessDataroom

@Suite("Contract manifests")
struct ContractManifestTests {
    typealias Room = DataroomScannerTests.Room

    @Test func anIDThatIsNotAContractIDIsRefusedBeforeAnythingIsRead() throws {
        let room = try Room()
        // `../outside` would name this folder beside the dataroom root.
        try FileManager.default.createDirectory(atPath: room.base + "/outside", withIntermediateDirectories: true)
        try "secret".write(toFile: room.base + "/outside/secret", atomically: false, encoding: .utf8)
        for id in ["../outside", "..", "acme/../../outside", "", "Acme"] {
            let manifest = ContractManifest(root: room.root, contract: id)
            #expect(throws: ContractManifest.Failure.self) { try manifest.build() }
            #expect(throws: ContractManifest.Failure.self) { try manifest.build(store: room.store) }
            do {
                _ = try manifest.build()
            } catch {
                guard case .invalidContract(id) = error else {
                    Issue.record("\(id): \(error)")
                    continue
                }
            }
        }
        #expect(try room.store.unhashedFiles(after: nil, limit: 10).isEmpty)
    }

    @Test func theListingHasPathSizeAndHashOfEveryFileSortedByPath() throws {
        let room = try Room()
        try room.write("acme/b/z.txt", "zz")
        try room.write("acme/a.txt", "a")
        let plain = try ContractManifest(root: room.root, contract: "acme").build()
        let cached = try ContractManifest(root: room.root, contract: "acme").build(store: room.store)
        #expect(plain == cached)
        #expect(plain.problems.isEmpty)
        #expect(plain.files.map { String(decoding: $0.path, as: UTF8.self) } == ["a.txt", "b/z.txt"])
        #expect(plain.files.map(\.size) == [1, 2])
        #expect(
            plain.files[0].sha256.map { String(format: "%02x", $0) }.joined()
                == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")
        #expect(
            String(decoding: plain.text, as: UTF8.self).hasPrefix(
                "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\n"))
    }
}

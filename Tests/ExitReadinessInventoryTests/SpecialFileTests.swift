import Dispatch
import Foundation
import Testing

@testable import ExitReadinessInventory

/// Inventory files that are not regular files are refused at once: a FIFO named like a register
/// or a contract file must not block the reader (and with it the daemon) waiting for a writer.
@Suite("Inventory files that are not regular files")
struct SpecialFileTests {
    /// A copy of the demo inventory in a temporary folder, removed when the test ends.
    final class InventoryCopy {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)").path

        init() throws {
            let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("examples/demo/inventory").path
            try FileManager.default.copyItem(atPath: demo, toPath: directory)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// Replaces the file at `relative` with a FIFO; returns its path.
        func fifo(_ relative: String) throws -> String {
            let path = directory + "/" + relative
            try? FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0)
            return path
        }
    }

    /// Runs `body` on another thread and waits at most 20 seconds for it. Should it hang in an
    /// open of one of `fifos`, a writer is opened on each so that it returns and the test ends.
    func promptly<T: Sendable>(unblocking fifos: [String], _ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: T?
        DispatchQueue.global().async {
            result = body()
            done.signal()
        }
        guard done.wait(timeout: .now() + 20) == .timedOut else { return result }
        Issue.record("still blocked after 20 seconds")
        let writers = fifos.map { open($0, O_WRONLY | O_NONBLOCK) }
        done.wait()
        for writer in writers where writer >= 0 { close(writer) }
        return nil
    }

    @Test func aFIFOAsRegisterOrContractFileIsADiagnostic() throws {
        let inventory = try InventoryCopy()
        let staff = try inventory.fifo("staff.csv")
        let contract = try inventory.fifo("contracts/klantlijn-inbound.yaml")
        let directory = inventory.directory
        let diagnostics = promptly(unblocking: [staff, contract]) { () -> [Diagnostic] in
            do throws(InventoryErrors) {
                _ = try InventoryReader().read(directory: directory)
                return []
            } catch {
                return error.diagnostics
            }
        }
        let refused = (diagnostics ?? []).filter { $0.message == "is not a regular file" }.map(\.file)
        #expect(Set(refused) == [staff, contract], "\(diagnostics ?? [])")
    }

    @Test func theRevisionOfAnInventoryWithAFIFOIsComputedPromptly() throws {
        let inventory = try InventoryCopy()
        let before = InventoryRevision.compute(directory: inventory.directory, checklist: inventory.directory + "/none.yaml")
        let processes = try inventory.fifo("processes.csv")
        let directory = inventory.directory
        let after = promptly(unblocking: [processes]) {
            InventoryRevision.compute(directory: directory, checklist: directory + "/none.yaml")
        }
        #expect(after != nil && after != before)
    }
}

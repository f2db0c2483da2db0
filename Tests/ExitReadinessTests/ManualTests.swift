import Foundation
import Testing

@testable import ExitReadiness

@Suite("exitready-inventory(5)")
struct ManualTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("man/exitready-inventory.5")

    @Test(arguments: FindingCode.allCases)
    func everyFindingCodeHasAnEntry(_ code: FindingCode) throws {
        // roff writes a hyphen in running text as "\-".
        let text = try String(contentsOf: Self.page, encoding: .utf8).replacingOccurrences(of: "\\-", with: "-")
        #expect(text.contains(".B \(code.rawValue) - \(code.title)"), "no entry for \(code.rawValue) in the man page")
    }
}

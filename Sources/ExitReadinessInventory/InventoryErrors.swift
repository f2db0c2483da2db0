/// Every problem found while reading an inventory or checklist; nothing is used until there are none.
public struct InventoryErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, in file order, then line and column.
    public var diagnostics: [Diagnostic]
    /// The warnings found alongside them, in the same order.
    public var warnings: [Diagnostic]

    public init(_ diagnostics: [Diagnostic], warnings: [Diagnostic] = []) {
        self.diagnostics = diagnostics.sortedByPlace()
        self.warnings = warnings.sortedByPlace()
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

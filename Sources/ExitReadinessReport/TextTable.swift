import ExitReadiness

/// A plain-text table with aligned columns, for terminals and logs.
public struct TextTable: Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    /// Cells as (plain text, text to print); the plain text decides the width, so colour codes
    /// do not disturb alignment.
    private var rows: [[(plain: String, shown: String)]] = []

    public init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row of plain cells, their control characters escaped (`TerminalSafe`).
    public mutating func add(_ cells: [String]) {
        rows.append(cells.map { cell in
            let safe = TerminalSafe.escape(cell)
            return (safe, safe)
        })
    }

    /// Adds a row whose cells may carry colour codes. A cell whose shown text is its plain text
    /// is escaped like a plain cell; a coloured cell keeps its codes, so the text inside them
    /// must already be escaped (`TerminalSafe`), and only its plain text is.
    public mutating func add(styled cells: [(plain: String, shown: String)]) {
        rows.append(cells.map { cell in
            let safe = TerminalSafe.escape(cell.plain)
            return (safe, cell.shown == cell.plain ? safe : cell.shown)
        })
    }

    public func render(style: TerminalStyle = .plain) -> String {
        var widths = columns.map { Self.width($0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.width(cell.plain))
            }
        }
        var lines: [String] = []
        let header = columns.enumerated().map { pad($1.title, $1.title, widths[$0], $1.alignment) }
        lines.append(style.paint(header.joined(separator: "  ").trimmingTrailingSpaces(), .bold))
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                pad(cell.plain, cell.shown, widths[index], columns[index].alignment)
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ plain: String, _ shown: String, _ width: Int, _ alignment: Alignment) -> String {
        let padding = String(repeating: " ", count: max(0, width - Self.width(plain)))
        return alignment == .left ? shown + padding : padding + shown
    }
}

extension TextTable {
    /// Columns a text takes on a terminal: its characters (bytes, when it is ASCII).
    static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

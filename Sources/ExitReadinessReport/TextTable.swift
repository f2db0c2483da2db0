import ExitReadiness

/// A plain-text table with aligned columns, for terminals and logs.
public struct TextTable: Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Free text (a supplier, a message) that is shortened first when the table is too wide.
        public var shrinks: Bool

        public init(_ title: String, _ alignment: Alignment = .left, shrinks: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.shrinks = shrinks
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

    /// The table, each line at most `style.width` columns when it has one (cells cut with `…`).
    public func render(style: TerminalStyle = .plain) -> String {
        var cellWidths = columns.map { _ in 0 }
        for row in rows {
            for (index, cell) in row.enumerated() where index < cellWidths.count {
                cellWidths[index] = max(cellWidths[index], DisplayWidth.of(cell.plain))
            }
        }
        var widths = zip(columns, cellWidths).map { max(DisplayWidth.of($0.title), $1) }
        if let limit = style.width { widths = fitted(widths, cells: cellWidths, into: limit) }
        var lines: [String] = []
        let header = columns.enumerated().map { cell($1.title, $1.title, widths[$0], $1.alignment) }
        lines.append(style.paint(header.joined(separator: "  ").trimmingTrailingSpaces(), .bold))
        for row in rows {
            let cells = row.enumerated().map { index, entry in
                cell(entry.plain, entry.shown, widths[index], columns[index].alignment)
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        return lines.joined(separator: "\n")
    }

    /// Narrowest a free-text column gets before the others are cut too.
    static let shrinkingFloor = 12
    /// Narrowest any column gets.
    static let columnFloor = 3

    /// Column widths whose table (with its two-space gaps) fits in `limit`, taking a column at a
    /// time from the widest column that may still give one: first the free-text columns, down
    /// to `shrinkingFloor`; then every column down to its widest cell (cutting titles before
    /// values); then every column down to `columnFloor`.
    func fitted(_ natural: [Int], cells: [Int], into limit: Int) -> [Int] {
        var widths = natural
        var excess = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - limit
        let floors = [
            columns.map { $0.shrinks ? Self.shrinkingFloor : Int.max },
            cells.map { max($0, Self.columnFloor) },
            columns.map { _ in Self.columnFloor },
        ]
        for floor in floors {
            while excess > 0 {
                let candidates = widths.indices.filter { widths[$0] > floor[$0] }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        return widths
    }

    /// A cell padded to `width`, or cut to it with `…` (its colour dropped then).
    private func cell(_ plain: String, _ shown: String, _ width: Int, _ alignment: Alignment) -> String {
        var (plain, shown) = (plain, shown)
        if DisplayWidth.of(plain) > width {
            plain = DisplayWidth.truncate(plain, to: width)
            shown = plain
        }
        let padding = String(repeating: " ", count: width - DisplayWidth.of(plain))
        return alignment == .left ? shown + padding : padding + shown
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

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
        /// A column that may be left out when the table does not fit once free text is short:
        /// the lowest rank goes first (columns of one rank together), before any id, score or
        /// band is cut. Nil: never left out.
        public var dropRank: Int?

        public init(_ title: String, _ alignment: Alignment = .left, shrinks: Bool = false, dropRank: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.shrinks = shrinks
            self.dropRank = dropRank
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
        rows.append(
            cells.map { cell in
                let safe = TerminalSafe.escape(cell)
                return (safe, safe)
            })
    }

    /// Adds a row whose cells may carry colour codes. A cell whose shown text is its plain text
    /// is escaped like a plain cell; a coloured cell keeps its codes, so the text inside them
    /// must already be escaped (`TerminalSafe`), and only its plain text is.
    public mutating func add(styled cells: [(plain: String, shown: String)]) {
        rows.append(
            cells.map { cell in
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
        let natural = zip(columns, cellWidths).map { max(DisplayWidth.of($0.title), $1) }
        let widths: [Int?] = style.width.map { fitted(natural, cells: cellWidths, into: $0) } ?? natural
        var lines: [String] = []
        let header = columns.indices.compactMap { index in
            widths[index].map { cell(columns[index].title, columns[index].title, $0, columns[index].alignment) }
        }
        lines.append(style.paint(header.joined(separator: "  ").trimmingTrailingWhitespace(), .bold))
        for row in rows {
            let cells = row.indices.compactMap { index in
                widths[index].map { cell(row[index].plain, row[index].shown, $0, columns[index].alignment) }
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingWhitespace())
        }
        return lines.joined(separator: "\n")
    }

    /// Narrowest a free-text column gets before the others are cut too.
    static let shrinkingFloor = 12
    /// Narrowest any column gets.
    static let columnFloor = 3

    /// Column widths whose table (with its two-space gaps) fits in `limit`; nil for a column
    /// left out. In turn: the free-text columns give a column at a time, widest first, down to
    /// `shrinkingFloor`; then the columns with a `dropRank` are left out, lowest rank first,
    /// and the room that frees goes back to the free text; then every column gives down to its
    /// widest cell (cutting titles before values), then down to `columnFloor`.
    func fitted(_ natural: [Int], cells: [Int], into limit: Int) -> [Int?] {
        var widths: [Int?] = natural
        var excess: Int {
            let shown = widths.compactMap { $0 }
            return shown.reduce(0, +) + 2 * max(0, shown.count - 1) - limit
        }
        func give(down floor: [Int]) {
            while excess > 0 {
                let candidates = widths.indices.filter { (widths[$0] ?? 0) > floor[$0] }
                guard let widest = candidates.max(by: { widths[$0]! < widths[$1]! }) else { return }
                widths[widest]! -= 1
            }
        }
        give(down: columns.map { $0.shrinks ? Self.shrinkingFloor : Int.max })
        for rank in Set(columns.compactMap(\.dropRank)).sorted() where excess > 0 {
            for index in columns.indices where columns[index].dropRank == rank { widths[index] = nil }
            // The room a left-out column frees goes back to the free text, narrowest first.
            while excess < 0,
                let narrowest = columns.indices.filter({ columns[$0].shrinks && (widths[$0] ?? .max) < natural[$0] })
                    .min(by: { widths[$0]! < widths[$1]! })
            {
                widths[narrowest]! += 1
            }
        }
        give(down: cells.map { max($0, Self.columnFloor) })
        give(down: columns.map { _ in Self.columnFloor })
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

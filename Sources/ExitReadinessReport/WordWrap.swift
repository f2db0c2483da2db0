/// Breaking a paragraph into lines that fit a terminal, at spaces, by display width.
public enum WordWrap {
    /// `text` as lines of at most `width` columns (`DisplayWidth`): the first starts with
    /// `first`, the others with `rest`. A word longer than a line is cut with `…`. Without a
    /// width the text stays one line.
    public static func lines(_ text: String, width: Int?, first: String, rest: String) -> [String] {
        guard let width else { return [first + text] }
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ").map(String.init) {
            if lineHasWord, DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            let separator = lineHasWord ? " " : ""
            let room = max(1, width - DisplayWidth.of(line + separator))
            line += separator + DisplayWidth.truncate(word, to: room)
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}

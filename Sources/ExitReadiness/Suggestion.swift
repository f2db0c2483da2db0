/// "Did you mean …?" for a mistyped name: a contract id, a subcommand, a configuration key.
public enum Suggestion {
    /// The candidate closest to `typed`, or nil when none is close enough.
    ///
    /// Close enough: at most two edits (`editDistance`, ignoring case) and fewer edits than half
    /// the typed characters, so that `ab` suggests nothing rather than any two-letter name. An
    /// exact match is no suggestion. Ties go to the candidate that sorts first.
    public static func closest(to typed: String, among candidates: some Sequence<String>) -> String? {
        let wanted = typed.lowercased()
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != typed {
            let distance = editDistance(wanted, candidate.lowercased())
            guard distance <= 2, 2 * distance < typed.count else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.name
    }

    /// The optimal-string-alignment Damerau-Levenshtein distance: the fewest insertions,
    /// deletions, substitutions and swaps of two neighbouring characters that turn `a` into `b`
    /// (`scroes` → `scores` is one swap).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        // Three rows of the classic table: two rows back is needed for swaps.
        var older = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], older[j - 2] + 1)
                }
            }
            (older, previous, current) = (previous, current, older)
        }
        return previous[b.count]
    }
}

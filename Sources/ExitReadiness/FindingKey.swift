/// What names a finding within its contract: its code and subject.
public struct FindingKey: Hashable, Sendable, Comparable {
    public var code: FindingCode
    public var subject: String?

    public init(code: FindingCode, subject: String? = nil) {
        self.code = code
        self.subject = subject
    }

    /// By code, then subject (none first, then by bytes), as findings of equal impact are listed.
    public static func < (lhs: FindingKey, rhs: FindingKey) -> Bool {
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        switch (lhs.subject, rhs.subject) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let l?, let r?): return l.utf8.lexicographicallyPrecedes(r.utf8)
        }
    }
}

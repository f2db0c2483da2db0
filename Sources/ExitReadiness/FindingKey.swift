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
        precedes(lhs.code, lhs.subject, rhs.code, rhs.subject)
    }

    /// The order of `<`, for callers that hold a code and a subject rather than a key.
    static func precedes(_ lhsCode: FindingCode, _ lhsSubject: String?, _ rhsCode: FindingCode, _ rhsSubject: String?)
        -> Bool
    {
        if lhsCode != rhsCode { return lhsCode.rawValue < rhsCode.rawValue }
        switch (lhsSubject, rhsSubject) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let l?, let r?): return l.utf8.lexicographicallyPrecedes(r.utf8)
        }
    }
}

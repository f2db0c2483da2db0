/// When a contract's current term ends and by when notice must be given.
public struct ExitTimeline: Sendable, Equatable {
    /// Term end E: `end`, or with tacit renewal the first renewal end whose notice deadline is
    /// today or later.
    public let termEnd: Day
    /// N = E − notice_days.
    public let noticeDeadline: Day

    public init(contract: Contract, today: Day) {
        var termEnd = contract.end
        if contract.renewalMonths > 0 {
            // Each E_k is computed from `end` (not from E_(k-1)) so that month clamping does not
            // accumulate: Jan 31 renews to Feb 28, then Mar 31.
            var k = 0
            while termEnd.adding(days: -contract.noticeDays) < today {
                k += 1
                termEnd = contract.end.adding(months: k * contract.renewalMonths)
            }
        }
        self.termEnd = termEnd
        self.noticeDeadline = termEnd.adding(days: -contract.noticeDays)
    }
}

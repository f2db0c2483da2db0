/// KPI results of one month.
public struct KPIPeriod: Sendable, Equatable {
    /// `YYYY-MM`.
    public var period: String
    public var met: Int
    public var missed: Int

    public init(period: String, met: Int, missed: Int) {
        self.period = period
        self.met = met
        self.missed = missed
    }
}

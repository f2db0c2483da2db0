/// One weighted check: `fraction` (the spec's f) of `points` earned.
struct Check {
    var code: FindingCode
    var subject: String? = nil
    var points: Double
    var fraction: Double
    /// Why points were lost; only read when fraction < 1.
    var detail: FindingDetail
}

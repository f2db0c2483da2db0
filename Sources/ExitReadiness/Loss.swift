/// Points a check lost within its family.
struct Loss {
    var code: FindingCode
    var subject: String? = nil
    var lost: Double
    /// The f of the check for this subject; decides between `warning` (0) and `info`.
    var fraction: Double
    var detail: FindingDetail
}

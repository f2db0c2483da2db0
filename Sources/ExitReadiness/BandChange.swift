/// The first day a forecast's band differs from the day before, and the band it changes to.
public struct BandChange: Sendable, Equatable {
    public var day: Day
    public var band: Band

    public init(day: Day, band: Band) {
        self.day = day
        self.band = band
    }
}

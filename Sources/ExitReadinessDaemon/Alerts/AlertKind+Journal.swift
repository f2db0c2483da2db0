import ExitReadinessStore

/// Each kind's fixed MESSAGE_ID, explained in systemd/exitready.catalog so that
/// `journalctl -x` says what to do.
extension AlertKind {
    /// The journal's MESSAGE_ID for this kind: 128 bits, fixed forever.
    public var messageID: String {
        switch self {
        case .bandDropped: "d031dece840e4671b9cf9ffbc1c5a63f"
        case .scoreDropped: "fa12e13190f24311b166c8ee2b4c0ec4"
        case .bandRecovered: "1031f2e237be4e1296ef507c955a9600"
        case .noticeDeadline: "a8549fe4dfd045cda35fb4cfdf090ffb"
        case .inventoryInvalid: "9054c78ebc4c446aa9670cc208a4d5dd"
        case .inventoryRecovered: "dd0fdde3eb404539a8aaa5b9a8e0b7bb"
        case .dataroomUnreachable: "9f11a461d2344f53a83a1fe4e3ff7e47"
        case .dataroomRecovered: "46b75289ac2a44efbb08d6dd799cb520"
        case .actionOverdue: "c1207f06b417462490ac7aa045253ac4"
        case .forecastDrop: "a50a14c81bfc4af18e6d2c9905339a81"
        }
    }
}

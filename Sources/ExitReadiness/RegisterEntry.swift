/// The `register:` block of a contract: what the DORA register of information (template
/// B_07.01) declares about the ICT arrangement. Copied into the export as declared, except the
/// exit plan, which exitready measures.
public struct RegisterEntry: Sendable, Equatable {
    /// The contractual arrangement reference number.
    public var reference: String
    public var providerCode: String
    public var providerCodeType: ProviderCodeType
    public var ictServiceType: ICTServiceType
    public var substitutability: Substitutability
    /// Required when `substitutability` is `not-substitutable` or `highly-complex`.
    public var substitutabilityReason: SubstitutabilityReason?
    public var reintegration: Reintegration
    public var discontinuationImpact: DiscontinuationImpact

    public init(
        reference: String, providerCode: String, providerCodeType: ProviderCodeType, ictServiceType: ICTServiceType,
        substitutability: Substitutability, substitutabilityReason: SubstitutabilityReason? = nil,
        reintegration: Reintegration, discontinuationImpact: DiscontinuationImpact
    ) {
        self.reference = reference
        self.providerCode = providerCode
        self.providerCodeType = providerCodeType
        self.ictServiceType = ictServiceType
        self.substitutability = substitutability
        self.substitutabilityReason = substitutabilityReason
        self.reintegration = reintegration
        self.discontinuationImpact = discontinuationImpact
    }

    /// Whether the register calls the exit easy: substitutability or reintegration `easy` (R01
    /// when the contract is not ready).
    public var declaresEasyExit: Bool { substitutability == .easy || reintegration == .easy }

    public enum ProviderCodeType: String, Sendable, CaseIterable {
        case lei, national, euid, crn, vat
    }

    /// The type of ICT service, S01 to S19 (Annex III of the ITS on the register of information).
    public enum ICTServiceType: String, Sendable, CaseIterable {
        case s01 = "S01"
        case s02 = "S02"
        case s03 = "S03"
        case s04 = "S04"
        case s05 = "S05"
        case s06 = "S06"
        case s07 = "S07"
        case s08 = "S08"
        case s09 = "S09"
        case s10 = "S10"
        case s11 = "S11"
        case s12 = "S12"
        case s13 = "S13"
        case s14 = "S14"
        case s15 = "S15"
        case s16 = "S16"
        case s17 = "S17"
        case s18 = "S18"
        case s19 = "S19"
    }

    public enum Substitutability: String, Sendable, CaseIterable {
        case notSubstitutable = "not-substitutable"
        case highlyComplex = "highly-complex"
        case medium, easy

        /// Whether the register must say why (EBA validation rule v8825).
        public var needsReason: Bool { self == .notSubstitutable || self == .highlyComplex }
    }

    public enum SubstitutabilityReason: String, Sendable, CaseIterable {
        case lackOfAlternatives = "lack-of-alternatives"
        case migration, both
    }

    public enum Reintegration: String, Sendable, CaseIterable {
        case easy, difficult
        case highlyComplex = "highly-complex"
        case notApplicable = "not-applicable"
    }

    public enum DiscontinuationImpact: String, Sendable, CaseIterable {
        case low, medium, high
        case notAssessed = "not-assessed"
    }

    /// Whether `code` is a well-formed LEI: `[A-Z0-9]{18}[0-9]{2}` whose ISO 17442 check digits
    /// hold (ISO 7064 MOD 97-10: letters count 10 to 35, the number mod 97 is 1).
    public static func isValidLEI(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 20 else { return false }
        var remainder = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where index < 18:
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            default:
                return false
            }
        }
        return remainder == 1
    }
}

import ExitReadiness
import Testing

/// Digests are shown and stored as lowercase hexadecimal, two digits per byte.
@Suite("Hex")
struct HexTests {
    @Test func everyByteHasTwoLowercaseDigits() {
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode([0x00, 0x09, 0x0a, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]) == "00090a0f107f80abff")
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.encode(all) == all.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
    }

    @Test func anySequenceOfBytes() {
        #expect(Hex.encode([UInt8](arrayLiteral: 0xde, 0xad).lazy.map { $0 }) == "dead")
        #expect(Hex.encode(Array("exit".utf8).prefix(2)) == "6578")
    }
}

import ExitReadinessInventory
import Testing

/// A repeated key of a mapping is reported at the repetition, naming the line of the first,
/// in short mappings (whose keys are compared one by one) and long ones (whose keys are hashed).
@Suite("YAML duplicate keys")
struct YAMLDuplicateKeyTests {
    static func duplicates(_ text: String) -> [String] {
        InventoryFileParser.contract(Array(text.utf8), file: "contracts/acme.yaml").1.map(\.description)
            .filter { $0.contains("duplicate key") }
    }

    /// `terms:` with `count` keys `k1` … `kN` (lines 3 …), then the `repeated` ones again.
    static func terms(count: Int, repeated: [Int]) -> String {
        let keys = (1...count).map { "  k\($0): 1\n" }.joined()
        return "id: acme\nterms:\n" + keys + repeated.map { "  k\($0): 2\n" }.joined()
    }

    @Test func inAShortMapping() {
        #expect(
            Self.duplicates(Self.terms(count: 3, repeated: [2])) == [
                "contracts/acme.yaml:6:3: duplicate key \"k2\" (first on line 4); each key may appear once"
            ])
    }

    @Test func inALongMapping() {
        #expect(
            Self.duplicates(Self.terms(count: 20, repeated: [1, 17, 1])) == [
                "contracts/acme.yaml:23:3: duplicate key \"k1\" (first on line 3); each key may appear once",
                "contracts/acme.yaml:24:3: duplicate key \"k17\" (first on line 19); each key may appear once",
                "contracts/acme.yaml:25:3: duplicate key \"k1\" (first on line 3); each key may appear once",
            ])
    }

    @Test func whereTheMappingGrowsLong() {
        // 15 keys and a repetition (compared), then more keys and a repetition (hashed).
        let text = Self.terms(count: 15, repeated: [15]) + (16...18).map { "  k\($0): 1\n" }.joined() + "  k16: 2\n"
        #expect(
            Self.duplicates(text) == [
                "contracts/acme.yaml:18:3: duplicate key \"k15\" (first on line 17); each key may appear once",
                "contracts/acme.yaml:22:3: duplicate key \"k16\" (first on line 19); each key may appear once",
            ])
    }
}

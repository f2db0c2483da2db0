import Testing

@testable import ExitReadiness

/// Stars are matched without backtracking into earlier stars, so patterns from the checklist
/// cannot make long file names from outside cost exponential time.
@Suite("Checklist globs on long names")
struct GlobComplexityTests {
    @Test func manyStarsAgainstALongNameThatDoesNotMatch() {
        let name = Array(repeating: UInt8(ascii: "a"), count: 5_000)
        #expect(!Glob("a*a*a*a*a*a*a*b").matches(name))
        #expect(Glob("a*a*a*a*a*a*a*a").matches(name))
        #expect(Glob("*a*a*a*a*a*a*a*").matches(name + [UInt8(ascii: "b")]))
    }

    @Test func manyDoubleStarsAgainstADeepPathThatDoesNotMatch() {
        let path = Array(Array(repeating: "d", count: 2_000).joined(separator: "/").utf8)
        #expect(!Glob("**/d/**/d/**/d/**/d/**/d/**/e").matches(path))
        #expect(Glob("**/d/**/d/**/d/**/d/**/d/**").matches(path))
    }

    @Test func aStarGivesBackWholeCharacters() {
        #expect(Glob("*é").matches(Array("ééé".utf8)))
        #expect(!Glob("*?é").matches(Array("é".utf8)), "? takes the whole é, leaving nothing for the literal")
        #expect(Glob("*?é").matches(Array("€é".utf8)))
    }
}

/// A checklist glob, matched byte-wise against a path relative to the contract folder.
///
/// `*` matches any characters within one path segment (dot-files included), `?` one character
/// other than `/`, and `**` as a whole segment any number of segments, zero included; `**`
/// inside a segment acts as `*`. Every other character is literal. Hand-written because the
/// rules differ from fnmatch(3) and glob(7) (no brackets, no escapes, `**`).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    private let segments: [Segment]

    private enum Segment: Equatable {
        case anySegments
        case pattern([Token])
    }

    private enum Token: Equatable {
        case literal(UInt8)
        case anyCharacters
        case oneCharacter
    }

    public init(_ pattern: String) {
        description = pattern
        segments = pattern.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { bytes in
            if bytes.elementsEqual("**".utf8) { return .anySegments }
            var tokens: [Token] = []
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "*"):
                    if tokens.last != .anyCharacters { tokens.append(.anyCharacters) }
                case UInt8(ascii: "?"): tokens.append(.oneCharacter)
                default: tokens.append(.literal(byte))
                }
            }
            return .pattern(tokens)
        }
    }

    /// True when the whole path matches the whole pattern.
    public func matches(_ path: [UInt8]) -> Bool {
        let pathSegments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return Glob.match(segments[...], pathSegments[...])
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anySegments:
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        case .pattern(let tokens):
            guard let segment = path.first, matchSegment(tokens[...], segment) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    /// Matches one segment; `?` consumes one UTF-8 encoded character (one byte when malformed).
    private static func matchSegment(_ tokens: ArraySlice<Token>, _ name: ArraySlice<UInt8>) -> Bool {
        guard let token = tokens.first else { return name.isEmpty }
        switch token {
        case .literal(let byte):
            guard name.first == byte else { return false }
            return matchSegment(tokens.dropFirst(), name.dropFirst())
        case .oneCharacter:
            guard !name.isEmpty else { return false }
            return matchSegment(tokens.dropFirst(), name.dropFirst(characterLength(name)))
        case .anyCharacters:
            let rest = tokens.dropFirst()
            if rest.isEmpty { return true }
            var remaining = name
            while true {
                if matchSegment(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst(characterLength(remaining))
            }
        }
    }

    private static func characterLength(_ bytes: ArraySlice<UInt8>) -> Int {
        var length = 1
        var index = bytes.index(after: bytes.startIndex)
        while index < bytes.endIndex, bytes[index] & 0xC0 == 0x80, length < 4 {
            length += 1
            index += 1
        }
        return length
    }
}

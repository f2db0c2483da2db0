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
        return Glob.match(segments, pathSegments)
    }

    /// Matches segments the way `matchSegment` matches bytes, with `**` as the star: linear in
    /// the number of segments times the cost of a segment match, however many `**` there are.
    private static func match(_ pattern: [Segment], _ path: [ArraySlice<UInt8>]) -> Bool {
        var next = 0
        var position = 0
        // The last `**` seen and the first segment it does not cover yet.
        var star: (next: Int, position: Int)?
        while position < path.count {
            if next < pattern.count, case .pattern(let tokens) = pattern[next], matchSegment(tokens, path[position]) {
                next += 1
                position += 1
            } else if next < pattern.count, pattern[next] == .anySegments {
                star = (next + 1, position)
                next += 1
            } else if let last = star {
                // Let the last `**` take one more segment and retry what follows it.
                star = (last.next, last.position + 1)
                (next, position) = (last.next, last.position + 1)
            } else {
                return false
            }
        }
        return pattern[next...].allSatisfy { $0 == .anySegments }
    }

    /// Matches one segment; `?` consumes one UTF-8 encoded character (one byte when malformed)
    /// and `*` any number of them. Iterative: on a mismatch only the last `*` takes one more
    /// character (earlier stars never need to), so the cost is linear in tokens times bytes.
    private static func matchSegment(_ tokens: [Token], _ name: ArraySlice<UInt8>) -> Bool {
        var next = 0
        var position = name.startIndex
        // The token after the last `*` seen and the first byte that `*` does not cover yet.
        var star: (next: Int, position: Int)?
        while position < name.endIndex {
            let rest = name[position...]
            switch next < tokens.count ? tokens[next] : nil {
            case .literal(let byte) where rest.first == byte:
                next += 1
                position += 1
                continue
            case .oneCharacter:
                next += 1
                position += characterLength(rest)
                continue
            case .anyCharacters:
                star = (next + 1, position)
                next += 1
                continue
            default:
                break
            }
            guard let last = star else { return false }
            // Let the last `*` take one more character and retry what follows it.
            let taken = last.position + characterLength(name[last.position...])
            star = (last.next, taken)
            (next, position) = (last.next, taken)
        }
        return tokens[next...].allSatisfy { $0 == .anyCharacters }
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

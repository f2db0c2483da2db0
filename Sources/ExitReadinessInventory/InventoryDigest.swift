import Crypto
import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// The inventory's SHA-256 as an auditor recomputes it with coreutils in the inventory directory:
/// `find . -type f ! -path '*/.*' -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum`.
///
/// Written by hand: it must match those commands byte for byte, down to how `sha256sum` escapes
/// a name holding a backslash, a newline or a carriage return, and that it skips a file it cannot
/// read (`unreadable` names those, and `others` the entries that are not regular files, so that
/// a revision still sees them).
public struct InventoryDigest: Sendable, Equatable {
    /// The first field of the last `sha256sum`.
    public var sha256: String
    /// Regular files that could not be read, relative to the directory.
    public var unreadable: [String]
    /// Directories and other entries that are not regular files (FIFOs, sockets, symbolic links).
    public var others: [String]

    /// Walks `directory` (symbolic links are not followed; no path component may start with a dot).
    public static func compute(directory: String) -> InventoryDigest {
        var paths: [[UInt8]] = []
        var others: [[UInt8]] = []
        collect(directory: Array(directory.utf8), relative: [], into: &paths, others: &others)
        paths.sort { $0.lexicographicallyPrecedes($1) }
        var listing = SHA256()
        var unreadable: [String] = []
        var base = Array(directory.utf8)
        if base.last != UInt8(ascii: "/") { base.append(UInt8(ascii: "/")) }
        for path in paths {
            guard let digest = fileSHA256(base + path) else {
                unreadable.append(String(decoding: path, as: UTF8.self))
                continue
            }
            listing.update(data: ChecksumLine.bytes(digest: digest, name: path))
        }
        if paths.isEmpty {
            // xargs runs sha256sum once without arguments: it hashes its empty standard input.
            listing.update(data: ChecksumLine.bytes(digest: Hex.encode(SHA256.hash(data: [UInt8]())), name: Array("-".utf8)))
        }
        return InventoryDigest(
            sha256: Hex.encode(listing.finalize()), unreadable: unreadable,
            others: others.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) })
    }

    /// The SHA-256 of a regular file, hex; nil when it cannot be opened or read, or is not a
    /// regular file when opened (a FIFO is never opened for reading).
    public static func fileSHA256(_ path: [UInt8]) -> String? {
        let descriptor = (path + [0]).withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW) }
        }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var hasher = SHA256()
        // No larger than the file (and one byte to see its end): most inventory files are a few
        // kilobytes, and zeroing 64 KiB for each of them is wasted work.
        var buffer = [UInt8](repeating: 0, count: min(1 << 16, max(Int(status.st_size), 0) + 1))
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(got))) }
        }
        return Hex.encode(hasher.finalize())
    }

    /// Appends the regular files below `directory` (paths relative to the walk's start).
    private static func collect(directory: [UInt8], relative: [UInt8], into paths: inout [[UInt8]], others: inout [[UInt8]]) {
        let folder = (directory + [0]).withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }
        guard let folder else { return }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard name.first != UInt8(ascii: ".") else { continue }
            let path = directory + [UInt8(ascii: "/")] + name
            let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            var status = stat()
            let found = (path + [0]).withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &status) }
            }
            guard found == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFREG: paths.append(child)
            case S_IFDIR:
                others.append(child)
                collect(directory: path, relative: child, into: &paths, others: &others)
            default: others.append(child)
            }
        }
    }
}

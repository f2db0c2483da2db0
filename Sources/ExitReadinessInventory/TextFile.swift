#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading an inventory file whole, with errors that name the file.
///
/// Files are copied into memory rather than mapped: a mapped file truncated while it is read
/// (an editor or rsync rewriting it) raises SIGBUS, while a read just returns fewer bytes.
enum TextFile {
    /// The file's bytes, checked to be UTF-8.
    static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
        let (descriptor, size) = try openRegularFile(path)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var capacity = size + 1
        var count = 0
        while true {
            if count == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: capacity))
                capacity *= 2
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read the file")
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        try bytes.withUnsafeBufferPointer { buffer throws(Diagnostic) in try checkUTF8(buffer, path: path) }
        return bytes
    }

    /// Calls `body` with the file's bytes (read whole, as `read` does), checked to be UTF-8.
    static func withContents<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) throws(Diagnostic) -> T {
        try read(path).withUnsafeBufferPointer(body)
    }

    /// An open descriptor of a regular file (following a symbolic link) and its size.
    ///
    /// The file is opened without blocking, so that a FIFO named like an inventory file is
    /// refused instead of waiting forever for a writer. Reads from a regular file never block,
    /// so the flag can stay.
    private static func openRegularFile(_ path: String) throws(Diagnostic) -> (Int32, Int) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw failure(path, "cannot open the file") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = failure(path, "cannot stat the file")
            close(descriptor)
            throw error
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Diagnostic(file: path, line: 1, column: 1, message: "is not a regular file")
        }
        return (descriptor, max(Int(status.st_size), 0))
    }

    private static func checkUTF8(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(Diagnostic) {
        guard let offset = firstInvalidUTF8(bytes) else { return }
        let (line, column) = position(of: offset, in: bytes)
        throw Diagnostic(
            file: path, line: line, column: column,
            message: "the file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16)) here); "
                + "save it as UTF-8")
    }

    /// The message for the current errno.
    static func failure(_ path: String, _ what: String) -> Diagnostic {
        Diagnostic(file: path, line: 1, column: 1, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = buffer.count
        while index < count {
            // ASCII fast path, eight bytes at a time.
            while index + 8 <= count,
                UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = buffer[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default: return index
            }
            guard index + length <= count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = buffer[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }

    /// 1-based line and column (in scalars) of a byte offset; a leading byte order mark takes
    /// no column, and LF, CRLF and a lone CR each end a line.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, offset) : 0
        var index = start
        while index < offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < offset, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

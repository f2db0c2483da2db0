import ExitReadiness

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking Varlink client connection over a Unix socket, for short-lived processes such as
/// `exitreadyctl`: plain system calls, no event loop and no threads, so it costs nothing at
/// start-up.
///
/// One connection carries one conversation at a time: send a call, then receive its replies
/// (several when the call was made with `more`, until one has `continues` false). Not safe to
/// share between threads.
public final class VarlinkConnection {
    /// The socket path, for messages.
    public let path: String
    private let descriptor: Int32
    private var scanner: VarlinkFrameScanner
    /// Received bytes; those before `consumed` have been returned as replies.
    private var input: [UInt8] = []
    private var consumed = 0

    /// Connects to the Unix socket at `path`.
    /// - Parameters:
    ///   - timeout: how long to keep trying while the service's accept queue is full; nil waits forever.
    ///   - maximumMessageSize: the largest reply accepted.
    public init(
        path: String, timeout: Duration? = .seconds(5),
        maximumMessageSize: Int = VarlinkFrameScanner.defaultMaximumMessageSize
    ) throws(VarlinkClientError) {
        self.path = path
        scanner = VarlinkFrameScanner(maximumMessageSize: maximumMessageSize)
        guard var address = UnixSocketAddress.make(path) else { throw .pathTooLong(path: path) }
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        descriptor = socket(AF_UNIX, socketType, 0)
        guard descriptor >= 0 else { throw .io(path: path, operation: "socket", errno: errno) }
        // From here every property is set: a throw runs deinit, which closes the descriptor.
        let deadline = Deadline(timeout)
        while true {
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if result == 0 { break }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN where !deadline.hasPassed:
                // The accept queue is full; a Unix socket has no pending connect to wait for.
                usleep(1_000)
            case EINPROGRESS:
                try wait(for: Int16(POLLOUT), until: deadline)
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                guard error == 0 else { throw .cannotConnect(path: path, errno: error) }
                return
            default:
                throw .cannotConnect(path: path, errno: code)
            }
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Sends a call; its replies are read with `receive`.
    public func send(_ call: VarlinkCall, timeout: Duration? = .seconds(30)) throws(VarlinkClientError) {
        let bytes = call.framed()
        let deadline = Deadline(timeout)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                offset += sent
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: try wait(for: Int16(POLLOUT), until: deadline)
            case EPIPE, ECONNRESET: throw .connectionClosed(path: path)
            case let code: throw .io(path: path, operation: "send", errno: code)
            }
        }
    }

    /// Receives the next reply; nil timeout waits forever (for `more` streams).
    public func receive(timeout: Duration? = .seconds(30)) throws(VarlinkClientError) -> VarlinkReply {
        try receiveWithBytes(timeout: timeout, keepingBytes: false).reply
    }

    /// Sends a call and returns its one reply (an error reply is a reply, not a thrown error).
    public func call(_ call: VarlinkCall, timeout: Duration? = .seconds(30)) throws(VarlinkClientError) -> VarlinkReply {
        try send(call, timeout: timeout)
        return try receive(timeout: timeout)
    }

    /// Sends a call and returns its one reply with the reply's bytes as received (without the
    /// NUL), for a client that passes a large reply on as it came.
    public func callKeepingBytes(_ call: VarlinkCall, timeout: Duration? = .seconds(30)) throws(VarlinkClientError) -> (
        reply: VarlinkReply, bytes: [UInt8]
    ) {
        try send(call, timeout: timeout)
        return try receiveWithBytes(timeout: timeout, keepingBytes: true)
    }

    private func receiveWithBytes(timeout: Duration?, keepingBytes: Bool) throws(VarlinkClientError) -> (
        reply: VarlinkReply, bytes: [UInt8]
    ) {
        let deadline = Deadline(timeout)
        while true {
            if let (reply, range) = try nextBufferedReply() {
                return (reply, keepingBytes ? Array(input[range]) : [])
            }
            try readMore(until: deadline)
        }
    }

    /// The first complete reply in the input buffer, if any, and where its bytes lie there
    /// (until more input is read).
    private func nextBufferedReply() throws(VarlinkClientError) -> (VarlinkReply, Range<Int>)? {
        let path = path
        let found = input.withUnsafeBytes { buffer in
            Result { () throws(VarlinkFramingError) -> Int? in
                try scanner.messageLength(in: UnsafeRawBufferPointer(rebasing: buffer[consumed...]))
            }
        }
        let length: Int?
        switch found {
        case .success(let value): length = value
        case .failure(let error): throw .framing(path: path, error)
        }
        guard let length else { return nil }
        let start = consumed
        consumed += length + 1
        let parsed = input.withUnsafeBytes { buffer in
            Result { () throws(VarlinkMessageError) -> VarlinkReply in
                try VarlinkReply(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<start + length]))
            }
        }
        switch parsed {
        case .success(let reply): return (reply, start..<start + length)
        case .failure(let error): throw .invalidReply(path: path, error)
        }
    }

    /// Reads whatever the socket has, waiting until `deadline` for something to arrive.
    private func readMore(until deadline: Deadline) throws(VarlinkClientError) {
        if consumed > 0 {
            input.removeFirst(consumed)
            consumed = 0
        }
        let chunk = 65_536
        let oldCount = input.count
        input.append(contentsOf: repeatElement(0, count: chunk))
        while true {
            let received = input.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress! + oldCount, chunk, 0)
            }
            if received > 0 {
                input.removeLast(chunk - received)
                return
            }
            if received == 0 {
                input.removeLast(chunk)
                throw .connectionClosed(path: path)
            }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                do {
                    try wait(for: Int16(POLLIN), until: deadline)
                } catch {
                    input.removeLast(chunk)
                    throw error
                }
            case ECONNRESET:
                input.removeLast(chunk)
                throw .connectionClosed(path: path)
            case let code:
                input.removeLast(chunk)
                throw .io(path: path, operation: "recv", errno: code)
            }
        }
    }

    /// Waits until the socket is ready for `events` or the deadline passes.
    private func wait(for events: Int16, until deadline: Deadline) throws(VarlinkClientError) {
        while true {
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&request, 1, deadline.remainingMilliseconds)
            if ready > 0 { return }
            // poll's timeout is capped (about 24 days): wait again until the deadline has passed.
            if ready == 0 {
                if deadline.hasPassed { throw .timedOut(path: path, seconds: deadline.seconds) }
                continue
            }
            if errno != EINTR { throw .io(path: path, operation: "poll", errno: errno) }
        }
    }
}

/// A point in monotonic time by which an operation must finish (or none).
private struct Deadline {
    private let end: UInt64?
    let seconds: Double

    init(_ timeout: Duration?) {
        guard let timeout else {
            end = nil
            seconds = .infinity
            return
        }
        let (whole, fraction) = timeout.components
        let nanoseconds = UInt64(max(0, whole)) * 1_000_000_000 + UInt64(max(0, fraction) / 1_000_000_000)
        end = Deadline.now() + nanoseconds
        seconds = Double(whole) + Double(fraction) / 1e18
    }

    static func now() -> UInt64 { MonotonicClock.nanoseconds() }

    var hasPassed: Bool { end.map { Deadline.now() >= $0 } ?? false }

    /// For poll(2): -1 waits forever.
    var remainingMilliseconds: Int32 {
        guard let end else { return -1 }
        let now = Deadline.now()
        guard end > now else { return 0 }
        return Int32(clamping: (end - now + 999_999) / 1_000_000)
    }
}

import NIOCore

extension QueryServer {
    /// How much one client, and all clients together, may take of the query server.
    public struct Limits: Sendable, Equatable {
        /// Open connections at most; a connection beyond it is closed as soon as it is accepted.
        public var maximumConnections = 1024
        /// Open connections at most per peer uid, so that one local user cannot take them all.
        public var maximumConnectionsPerUser = 256
        /// The largest message accepted, in bytes without the NUL; a longer one closes the connection.
        public var maximumMessageSize = 1 << 20
        /// A connection with no call in progress and nothing received for this long is closed.
        /// Connections streaming `Watch` replies are never idle.
        public var idleTimeout: Duration = .seconds(60)
        /// Pipelined calls held per connection while earlier ones are answered; beyond it the
        /// server stops reading from that connection until the queue shrinks.
        public var maximumQueuedCalls = 256
        /// On shutdown, how long a connection may take to finish the call it is answering.
        public var shutdownGracePeriod: Duration = .seconds(5)

        public init() {}
    }
}

extension TimeAmount {
    /// The same span as a NIO time amount.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

import ExitReadiness
import ExitReadinessProtocol
import Logging
import NIOCore

/// Decides what to do with each call, shared by all connections: answers what it can at once
/// on the event loop (the `org.varlink.service` methods, errors, cached evaluations) and hands
/// everything else to the backend.
final class QueryServerDispatcher: Sendable {
    private let backend: any MonitorBackend
    private let cache = QueryServerReplyCache()
    private let logger: Logger
    private let infoReply: ByteBuffer
    private let descriptionReplies: [String: ByteBuffer]

    init(backend: any MonitorBackend, info: VarlinkServiceInfo, logger: Logger) {
        self.backend = backend
        self.logger = logger
        infoReply = Self.frame(VarlinkReply(parameters: info.parameters))
        var descriptions: [String: ByteBuffer] = [:]
        for interface in info.interfaces {
            guard let text = VarlinkServiceInfo.description(ofInterface: interface) else { continue }
            descriptions[interface] = Self.frame(VarlinkReply(parameters: .object([("description", .string(text))])))
        }
        descriptionReplies = descriptions
    }

    /// What to do with `call` from `peer` (nil when the kernel gave no credentials).
    func action(for call: VarlinkCall, peer: PeerCredentials?) -> QueryServerAction {
        let action = decide(call, peer: peer)
        guard call.oneway else { return action }
        switch action {
        case .reply, .none, .watch: return .none
        case .deferred(let work):
            return .deferred {
                _ = await work()
                return nil
            }
        }
    }

    private func decide(_ call: VarlinkCall, peer: PeerCredentials?) -> QueryServerAction {
        // No method here switches protocols after its reply.
        if call.upgrade { return .reply(Self.frame(VarlinkServiceError.invalidParameter(parameter: "upgrade").reply)) }
        switch call.interface {
        case MonitorInterface.name:
            let monitorCall: MonitorCall
            do {
                monitorCall = try MonitorCall(member: call.member, parameters: call.parameters)
            } catch {
                return .reply(Self.frame(error.reply))
            }
            return decide(monitorCall, more: call.more, peer: peer)
        case VarlinkServiceInterface.name:
            do {
                switch try VarlinkServiceInterface.Call(member: call.member, parameters: call.parameters) {
                case .getInfo:
                    return .reply(infoReply)
                case .getInterfaceDescription(let interface):
                    return .reply(
                        descriptionReplies[interface]
                            ?? Self.frame(VarlinkServiceError.interfaceNotFound(interface: interface).reply))
                }
            } catch {
                return .reply(Self.frame(error.reply))
            }
        default:
            return .reply(Self.frame(VarlinkServiceError.interfaceNotFound(interface: String(call.interface)).reply))
        }
    }

    private func decide(_ call: MonitorCall, more: Bool, peer: PeerCredentials?) -> QueryServerAction {
        if call == .watch {
            guard more else { return .reply(Self.frame(VarlinkServiceError.expectedMore.reply)) }
            return .watch(backend.watch())
        }
        if let cached = cache.reply(for: call, evaluation: backend.publishedEvaluations) { return .reply(cached) }
        return .deferred { [self] in await answer(call, peer: peer) }
    }

    /// Asks the backend; privileged calls first check the peer (which may consult the group
    /// database, so never on the event loop).
    private func answer(_ call: MonitorCall, peer: PeerCredentials?) async -> ByteBuffer {
        if call.isPrivileged {
            guard let peer, backend.isPrivileged(uid: peer.uid, gid: peer.gid) else {
                logger.notice(
                    "refused \(call.member): not privileged", metadata: ["peer": "\(peer.map { "\($0)" } ?? "unknown")"])
                return Self.frame(VarlinkServiceError.permissionDenied.reply)
            }
            logger.info("\(call.member) requested", metadata: ["peer": "\(peer)"])
        }
        let evaluation = backend.publishedEvaluations
        let parameters: JSONValue
        do {
            switch call {
            case .getStatus: parameters = await backend.status()
            case .getScores(let top): parameters = try await backend.scores(top: top ?? MonitorCall.defaultTopFindings)
            case .getContract(let id): parameters = try await backend.contract(id: id)
            case .getRegister: parameters = try await backend.register()
            case .getMetrics: parameters = await backend.metrics()
            case .getHistory(let contract, let since, let limit, let every):
                parameters = try await backend.history(contract: contract, since: since, limit: limit, every: every)
            case .getAlerts(let since, let limit): parameters = try await backend.alerts(since: since, limit: limit)
            case .getPlan(let contract, let target, let budget):
                parameters = try await backend.plan(contract: contract, target: target, budget: budget)
            case .getForecast(let contract, let horizon):
                parameters = try await backend.forecast(contract: contract, horizon: horizon)
            case .evaluate: parameters = try await backend.evaluate()
            case .reload: parameters = try await backend.reload()
            case .watch: preconditionFailure("Watch streams; it is never answered once")
            }
        } catch {
            return Self.frame(Self.reply(for: error))
        }
        let reply = Self.frame(VarlinkReply(parameters: parameters))
        if QueryServerReplyCache.isCacheable(call) { cache.store(reply, for: call, evaluation: evaluation) }
        // Encoding a large reply (GetScores of thousands of contracts) leaves the allocator
        // holding several times its size: hand that back once the reply is made.
        if reply.readableBytes >= Self.largeReply { MemoryTrim.soon() }
        return reply
    }

    /// Replies from this size on hand the memory of their making back to the system.
    static let largeReply = 1 << 20

    /// A `Watch` reply that more will follow.
    static func watchReply(_ parameters: JSONValue) -> ByteBuffer {
        frame(VarlinkReply(parameters: parameters, continues: true))
    }

    static func reply(for error: MonitorError) -> VarlinkReply {
        switch error {
        case .contractNotFound(let id): .error(MonitorInterface.contractNotFound, parameters: .object([("id", .string(id))]))
        case .notEvaluatedYet: .error(MonitorInterface.notEvaluatedYet)
        case .invalidParameter(let name): VarlinkServiceError.invalidParameter(parameter: name).reply
        case .unavailable(let reason): .error(MonitorInterface.unavailable, parameters: .object([("reason", .string(reason))]))
        case .noValidInventory(let errors, let count):
            .error(
                MonitorInterface.noValidInventory,
                parameters: .object([
                    ("error_count", .integer(count)), ("errors", .array(errors.map(DaemonBackend.json))),
                ]))
        case .configurationInvalid(let error):
            .error(MonitorInterface.configurationInvalid, parameters: DaemonBackend.json(error))
        }
    }

    /// The reply's bytes with the terminating NUL.
    static func frame(_ reply: VarlinkReply) -> ByteBuffer {
        ByteBuffer(bytes: reply.framed())
    }
}

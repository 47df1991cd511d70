import MedConformCore
import Transports

/// A gateway simulator serving a TCP port (loopback unless told otherwise) from a thread of its
/// own, over blocking sockets, one connection after another: what a profile's
/// `simulator: hl7-gateway` target, a fuzz campaign and `simulate hl7-gateway --listen` run.
/// An exchange then costs the two threads' wake-ups and nothing more, where an event loop
/// would add a hand-off to a task and back for every message.
public final class GatewayServer: Sendable {
    /// The address served.
    public let address: NetworkAddress
    private let listener: BlockingTCPListener
    private let task: Task<TransportError?, Never>

    private init(address: NetworkAddress, listener: BlockingTCPListener, task: Task<TransportError?, Never>) {
        self.address = address
        self.listener = listener
        self.task = task
    }

    /// The port served.
    public var port: Int { address.port }

    /// Listens on `address` (a free loopback port unless told) and serves `gateway` there.
    /// - Throws: ``TransportError/bindFailed(address:reason:)``.
    public static func start(_ gateway: HL7GatewaySimulator, on address: NetworkAddress = NetworkAddress(host: "127.0.0.1", port: 0),
                             maxFrameBytes: Int, log: @escaping @Sendable (String) -> Void) throws(TransportError) -> GatewayServer {
        let listener = try BlockingTCPListener.listen(on: address)
        let task = taskOnDedicatedThread(named: "mc-gateway") { () async -> TransportError? in
            do throws(TransportError) {
                _ = try await gateway.serveConnections(on: listener, maxFrameBytes: maxFrameBytes, log: log)
                return nil
            } catch {
                return error == .cancelled || error == .closed ? nil : error
            }
        }
        return GatewayServer(address: NetworkAddress(host: address.host, port: listener.port), listener: listener, task: task)
    }

    /// Stops accepting (later connections are refused) and tells the serving thread to end; a
    /// connection being served ends within a moment (its waits notice the cancellation).
    public func stop() {
        task.cancel()
        listener.close()
    }

    /// Waits until the serving thread has ended. Returns why it ended when that was a failure
    /// to accept rather than a stop or a crash.
    @discardableResult
    public func finished() async -> TransportError? {
        await task.value
    }
}

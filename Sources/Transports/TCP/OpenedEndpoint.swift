import MedConformCore

/// What the harness opened to reach a device for one suite: the connection, and the
/// in-process simulator and the listener it started to get it. The simulator runs over real
/// loopback TCP, so the harness uses the same transport with it as with a real device.
///
/// Every opener cleans up after itself when it fails: no simulator task or listener is left
/// behind by a connection that did not come.
public struct OpenedEndpoint: Sendable {
    public let connection: TCPConnection
    /// The simulator, when one was started; cancelled and awaited by ``stop()``.
    public let simulator: Task<Void, Never>?
    public let listener: TCPListener?

    /// Stops the simulator and closes the listener; the connection is closed by the channel
    /// that wraps it.
    public func stop() async {
        simulator?.cancel()
        await simulator?.value
        await listener?.close()
    }

    /// The loopback address with a port the system picks.
    public static let loopback = NetworkAddress(host: "127.0.0.1", port: 0)

    /// The harness connects to the device at `address`.
    public static func connect(to address: NetworkAddress, timeout: Duration) async throws(TransportError) -> OpenedEndpoint {
        OpenedEndpoint(connection: try await TCP.connect(to: address, timeout: timeout), simulator: nil, listener: nil)
    }

    /// The device connects to the harness, listening at `address`, within `timeout`.
    public static func accept(on address: NetworkAddress, timeout: Duration) async throws(TransportError) -> OpenedEndpoint {
        let listener = try await TCP.listen(on: address)
        do {
            return OpenedEndpoint(connection: try await listener.accept(timeout: timeout), simulator: nil, listener: listener)
        } catch {
            await listener.close()
            throw error
        }
    }

    /// An in-process simulator that connects to the harness: `run` gets the loopback address
    /// to connect to, and the harness accepts its connection within `timeout`.
    public static func simulatorConnecting(timeout: Duration, _ run: @escaping @Sendable (NetworkAddress) async -> Void)
        async throws(TransportError) -> OpenedEndpoint {
        let listener = try await TCP.listen(on: loopback)
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        let task = Task { await run(address) }
        do {
            return OpenedEndpoint(connection: try await listener.accept(timeout: timeout), simulator: task, listener: listener)
        } catch {
            await stopAfterFailure(task, listener)
            throw error
        }
    }

    /// An in-process simulator that the harness connects to: `serve` gets the listener to
    /// accept on, and the harness connects within `timeout`.
    public static func simulatorAccepting(timeout: Duration, _ serve: @escaping @Sendable (TCPListener) async -> Void)
        async throws(TransportError) -> OpenedEndpoint {
        let listener = try await TCP.listen(on: loopback)
        let task = Task { await serve(listener) }
        do {
            let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            return OpenedEndpoint(connection: try await TCP.connect(to: address, timeout: timeout), simulator: task, listener: listener)
        } catch {
            await stopAfterFailure(task, listener)
            throw error
        }
    }

    private static func stopAfterFailure(_ task: Task<Void, Never>, _ listener: TCPListener) async {
        task.cancel()
        await task.value
        await listener.close()
    }
}

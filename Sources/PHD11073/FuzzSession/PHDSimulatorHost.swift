import MedConformCore
import Transports

/// An in-process simulator a campaign restarts after each failure: down for good once it
/// has crashed, the way a crashed device stays down until someone restarts it.
protocol PHDSimulatorHost: AnyObject {
    /// Stops the running instance and starts a fresh one.
    func restart() async throws(TransportError)
    func stop() async
}

extension SimulatedAgentHost: PHDSimulatorHost {}
extension SimulatedManagerHost: PHDSimulatorHost {}

/// Brings the device back for the next case: restarts the simulator, or gives a real device
/// the profile's `settle` time. Returns why the simulator could not start, if it could not.
func restartDevice(_ host: (any PHDSimulatorHost)?, settle: Duration, clock: MonotonicClock) async -> String? {
    if let host {
        do {
            try await host.restart()
        } catch {
            return "the simulator could not start: \(error)"
        }
    } else if settle > .zero {
        try? await clock.sleep(settle)
    }
    return nil
}

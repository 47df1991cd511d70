// The ceiling for a fuzzing campaign against the gateway: a client that does nothing but send
// one fixed, valid ORU^R01 over MLLP and wait for its acknowledgement, on one connection. No
// case generation, no judging, no recording: whatever a campaign adds costs rate against this.
import Foundation
import HL7v2
import MedConformCore
import Transports

struct CeilingFigures: Encodable {
    var cases_per_second: Double
    var cases: Int
    var seconds: Double
    /// `in-process` (gateway started here, its log discarded) or the external address.
    var gateway: String
    var message_bytes: Int
}

enum CeilingError: Error, CustomStringConvertible {
    case usage(String)
    case transport(TransportError)
    case exchange(String)

    var description: String {
        switch self {
        case .usage(let text): "usage: \(text)"
        case .transport(let error): "transport: \(error)"
        case .exchange(let text): "exchange: \(text)"
        }
    }
}

/// `--phase fuzz-ceiling [--connect host:port] [--messages N] [--seconds S]`: stops after N
/// exchanges when N is given, else after S seconds (default 3).
func runFuzzCeiling(_ options: [String]) async throws -> CeilingFigures {
    var arguments = options
    var seconds = 3.0
    var limit: Int? = nil
    var external: NetworkAddress? = nil
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        let value = arguments.isEmpty ? "" : arguments.removeFirst()
        switch argument {
        case "--seconds":
            guard let parsed = Double(value), parsed > 0 else { throw CeilingError.usage("--seconds needs a positive number") }
            seconds = parsed
        case "--messages":
            guard let parsed = Int(value), parsed > 0 else { throw CeilingError.usage("--messages needs a positive count") }
            limit = parsed
        case "--connect":
            guard let parsed = NetworkAddress.parse(value) else { throw CeilingError.usage("--connect needs host:port") }
            external = parsed
        default:
            throw CeilingError.usage("unknown option \(argument)")
        }
    }

    // The gateway, in-process on loopback the way a profile's simulator target runs it (its own
    // thread, blocking sockets), unless an external one (a `medconform simulate hl7-gateway`
    // process) is named.
    var server: GatewayServer? = nil
    let address: NetworkAddress
    if let external {
        address = external
    } else {
        do {
            let started = try GatewayServer.start(HL7GatewaySimulator(seed: 1), maxFrameBytes: 1 << 20, log: { _ in })
            server = started
            address = started.address
        } catch {
            throw CeilingError.transport(error)
        }
    }
    defer {
        server?.stop()
    }

    // The same lean transport as a campaign: a blocking socket on this thread, no task switch
    // per exchange.
    let channel: BlockingMLLPChannel
    do {
        channel = try BlockingMLLPChannel.connect(to: address, timeout: .seconds(5), maxFrameBytes: 1 << 20)
    } catch {
        throw CeilingError.transport(error)
    }
    let message = HL7Simulators.validObservationReport(seed: 1, index: 0)

    /// One exchange: the message out, its acknowledgement back. The first acknowledgement is
    /// checked to be an AA, so the ceiling is the rate of accepted messages, not of rejections.
    func exchange(check: Bool) throws {
        do {
            try channel.send(message)
        } catch {
            throw CeilingError.transport(error)
        }
        let event = channel.receive(timeout: .seconds(5))
        guard case .frame(let payload) = event else { throw CeilingError.exchange("expected an acknowledgement, got \(event)") }
        if check {
            guard let ack = try? HL7Message.parse(payload), ack["MSA-1"] == "AA" else {
                throw CeilingError.exchange("the gateway did not accept the valid message: \(String(decoding: payload, as: UTF8.self))")
            }
        }
    }

    // A short warm-up outside the clock: connection set-up, first allocations.
    for index in 0..<200 { try exchange(check: index == 0) }

    let clock = ContinuousClock()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    let start = clock.now
    var count = 0
    if let limit {
        while count < limit {
            try exchange(check: false)
            count += 1
        }
    } else {
        // Reads the clock every 64 exchanges only.
        while clock.now - start < budget {
            for _ in 0..<64 { try exchange(check: false) }
            count += 64
        }
    }
    let elapsed = Double((clock.now - start).nanosecondsClamped) / 1e9
    channel.close()
    if let server {
        server.stop()
        await server.finished()
    }
    return CeilingFigures(cases_per_second: Double(count) / elapsed, cases: count, seconds: elapsed,
                          gateway: external?.description ?? "in-process", message_bytes: message.count)
}

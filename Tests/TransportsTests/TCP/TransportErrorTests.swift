import MedConformCore
import Testing
import Transports

@Suite("TransportError messages")
struct TransportErrorTests {
    @Test("every message names what failed", arguments: [
        (TransportError.connectFailed(address: "127.0.0.1:2575", reason: "connection refused"),
         "could not connect to 127.0.0.1:2575: connection refused"),
        (.connectTimeout(address: "[::1]:2575", limit: .milliseconds(1500)),
         "could not connect to [::1]:2575 within 1.500 s"),
        (.bindFailed(address: "127.0.0.1:2575", reason: "address already in use"),
         "could not listen on 127.0.0.1:2575: address already in use"),
        (.acceptTimeout(address: "127.0.0.1:2575", limit: .seconds(2)),
         "no peer connected to 127.0.0.1:2575 within 2.000 s"),
        (.timeout(limit: .milliseconds(250)), "no data arrived within 0.250 s"),
        (.writeTimeout(limit: .seconds(10)), "the peer did not take the data within 10.000 s; it has stopped reading"),
        (.reset(reason: "connection reset by peer"), "the connection broke: connection reset by peer"),
        (.closed, "the connection is closed"),
        (.bufferLimitExceeded(limit: 4096), "the peer sent more than 4096 bytes without them being read"),
        (.cancelled, "the operation was cancelled"),
    ])
    func message(error: TransportError, text: String) {
        #expect(error.description == text)
    }
}

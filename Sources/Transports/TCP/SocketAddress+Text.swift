import MedConformCore
import NIOCore

extension Optional where Wrapped == SocketAddress {
    /// `127.0.0.1:54321` or `[::1]:54321`; `?` when the socket has no such address (any more).
    var hostPortText: String {
        guard let address = self, let host = address.ipAddress, let port = address.port else { return "?" }
        return NetworkAddress(host: host, port: port).description
    }
}

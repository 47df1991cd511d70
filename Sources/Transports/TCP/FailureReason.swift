import Foundation
import NIOCore
import NIOPosix

/// Short, lower-case reasons for failures reported by the system or NIO, for the `reason`
/// fields of ``TransportError``.
enum FailureReason {
    static func of(_ error: any Error) -> String {
        switch error {
        case let error as IOError:
            return errnoText(error.errnoCode)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return of(first.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                return "cannot resolve '\(error.host)': \(of(dns))"
            }
            return "no address found for '\(error.host)'"
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return "timed out"
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return "the connection is closed"
            default: return String(describing: error)
            }
        case let error as SocketAddressError:
            if case .unknown(let host, _) = error { return "unknown host '\(host)'" }
            return String(describing: error)
        default:
            return String(describing: error)
        }
    }

    static func errnoText(_ code: CInt) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }

    /// What a failed read or write means for the caller.
    static func streamFailure(_ error: any Error) -> TransportError {
        if let error = error as? ChannelError, [.ioOnClosedChannel, .alreadyClosed, .outputClosed, .eof].contains(error) {
            return .closed
        }
        return .reset(reason: of(error))
    }
}

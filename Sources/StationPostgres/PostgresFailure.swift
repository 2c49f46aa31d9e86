import NIOCore
import NIOPosix
import PostgresNIO
import StationStore

/// An error the PostgreSQL server sent (a refused statement, a failed login), in words: the
/// server's own message and its SQLSTATE, never postgres-nio's redacted debug text.
public struct PostgresServerError: Error, Sendable, CustomStringConvertible {
    public let server: String
    public let sqlState: String
    public let message: String

    public var description: String { "PostgreSQL at \(server): \(message) (SQLSTATE \(sqlState))" }
}

/// Sorting postgres-nio's errors into what callers act on: the server is unreachable or went away
/// (``LedgerUnavailableError``), the server refused something (``PostgresServerError``), or anything
/// else (passed through).
enum PostgresFailure {
    /// SQLSTATEs meaning "the server is there but not serving": shutting down, starting up, too many clients.
    private static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "08000", "08003", "08006"]

    static func classify(_ error: any Error, address: PostgresAddress) -> any Error {
        if let error = error as? LedgerUnavailableError { return error }
        if let error = error as? PostgresServerError {
            return unavailableStates.contains(error.sqlState)
                ? LedgerUnavailableError(location: address.description, reason: error.message) : error
        }
        if let error = error as? PSQLError {
            if error.code == .server, let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "error"
                if unavailableStates.contains(state) {
                    return LedgerUnavailableError(location: address.description, reason: message)
                }
                return PostgresServerError(server: address.hostAndPort, sqlState: state, message: message)
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
                return LedgerUnavailableError(location: address.description, reason: reason(of: error.underlying) ?? "connection lost")
            case .sslUnsupported:
                return PostgresServerError(server: address.hostAndPort, sqlState: "08P01",
                                           message: "the server does not offer TLS, which sslmode=require demands")
            default:
                return error
            }
        }
        if error is ChannelError || error is IOError || error is NIOConnectionError {
            return LedgerUnavailableError(location: address.description, reason: reason(of: error) ?? "connection failed")
        }
        return error
    }

    /// True when `error` (already classified) means the connection cannot be trusted any more.
    static func breaksConnection(_ error: any Error) -> Bool {
        error is LedgerUnavailableError
    }

    /// A few words for a socket-level error: "connection refused", "connection timed out", ...
    private static func reason(of error: (any Error)?) -> String? {
        guard let error else { return nil }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return reason(of: first.error) }
            if let dns = error.dnsAAAAError ?? error.dnsAError { return "cannot resolve the host name (\(dns))" }
            return "connection failed"
        }
        if let error = error as? IOError { return ioReason(error.errnoCode) }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "connection lost"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }

    private static func ioReason(_ errno: Int32) -> String {
        switch errno {
        case ECONNREFUSED: "connection refused (is PostgreSQL running there?)"
        case ETIMEDOUT: "connection timed out"
        case EHOSTUNREACH, ENETUNREACH: "host unreachable"
        case ECONNRESET, EPIPE: "connection reset"
        default: String(cString: strerror(errno))
        }
    }
}

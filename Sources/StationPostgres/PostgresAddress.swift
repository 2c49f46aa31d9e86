import Foundation

/// A PostgreSQL ledger's address as `--db` or `STATIONFINDER_DB` writes it:
/// `postgres://user:password@host:port/database` (`postgresql://` too; port 5432 when left out;
/// `?sslmode=disable|prefer|require`, default `prefer`). Percent-escapes in the user and password are decoded.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// True when `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses `text`, or throws ``PostgresAddressError`` saying what is wrong with it.
    public init(_ text: String) throws(PostgresAddressError) {
        guard Self.isPostgres(text) else { throw .init(text: text, reason: "it must start with postgres:// or postgresql://") }
        guard let url = URLComponents(string: text) else {
            throw .init(text: text, reason: "it is not a valid URL (characters such as @ : / in a password must be percent-escaped)")
        }
        guard let host = url.host, !host.isEmpty else { throw .init(text: text, reason: "it names no host") }
        guard let user = url.user, !user.isEmpty else { throw .init(text: text, reason: "it names no user (postgres://USER:PASSWORD@\(host)/DATABASE)") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .init(text: text, reason: "it names no database (postgres://\(user)@\(host)/DATABASE)")
        }
        var tls = TLSMode.prefer
        for item in url.queryItems ?? [] {
            guard item.name == "sslmode", let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw .init(text: text, reason: "unknown parameter '\(item.name)\(item.value.map { "=\($0)" } ?? "")' (known: sslmode=disable|prefer|require)")
            }
            tls = mode
        }
        self.host = host
        self.port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw .init(text: text, reason: "port \(port) is outside 1...65535") }
        // URLComponents hands user, password and path back percent-decoded.
        self.user = user
        self.password = url.password
        self.database = database
        self.tls = tls
    }

    /// The address without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(hostAndPort)/\(database)" }

    /// `host:port`, as errors name the server.
    public var hostAndPort: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A `postgres://` address that cannot be used, and why.
public struct PostgresAddressError: Error, Sendable, CustomStringConvertible {
    /// The address as given, with any password masked.
    public let text: String
    public let reason: String

    init(text: String, reason: String) {
        self.text = Self.masked(text)
        self.reason = reason
    }

    public var description: String { "bad database URL \(text): \(reason)" }

    /// `text` with the password between `user:` and `@` replaced by `***`.
    public static func masked(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<credentials.index(after: colon)]) + "***" + String(text[at...])
    }
}

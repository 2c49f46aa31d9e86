import Crypto
import Foundation
import GRDB

/// What an API key may do: editors change the ledger, auditors read everything including
/// history, members are workers of one organization (they may enter its C stations).
public enum KeyRole: String, CaseIterable, Sendable, Codable {
    case editor, auditor, member
}

/// A stored API key, without its secret (only the secret's SHA-256 is kept).
public struct APIKey: Hashable, Sendable, Codable {
    public var id: String
    public var role: KeyRole
    public var organization: String?
    /// UTC ISO 8601.
    public var createdAt: String
    /// UTC ISO 8601, nil while the key is valid.
    public var revokedAt: String?

    public var isRevoked: Bool { revokedAt != nil }

    package init(id: String, role: KeyRole, organization: String?, createdAt: String, revokedAt: String?) {
        self.id = id
        self.role = role
        self.organization = organization
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, role, organization
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

/// API keys: created with a random secret shown once, stored as its SHA-256, verified by hash.
extension StationDatabase {
    /// The prefix of every secret, so a leaked one is recognisable in logs and scanners.
    public static let secretPrefix = "sf_"

    /// Creates a key. The secret is returned once and never stored.
    public func createKey(role: KeyRole, organization: String?) throws -> (id: String, secret: String) {
        let (id, secret, org) = Self.newKey(organization: organization)
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys (id, role, organization, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, role.rawValue, org, Self.sha256Hex(secret), UTCClock.nowISO()])
        }
        return (id, secret)
    }

    /// Revokes a key; revoking twice keeps the first time.
    /// - Throws: ``StoreError/unknownKey(_:)`` for an unknown id.
    public func revokeKey(id: String) throws {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM api_keys WHERE id = ?", arguments: [id]) == 1 else {
                throw StoreError.unknownKey(id)
            }
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [UTCClock.nowISO(), id])
        }
    }

    /// The key a secret belongs to, nil when unknown or revoked.
    public func verifyKey(_ secret: String) throws -> APIKey? {
        let hash = Self.sha256Hex(secret)
        return try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, role, organization, created_at, revoked_at FROM api_keys WHERE secret_sha256 = ? AND revoked_at IS NULL",
                arguments: [hash]
            ).flatMap(Self.apiKey)
        }
    }

    /// Every key (revoked ones included), oldest first.
    public func listKeys() throws -> [APIKey] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, role, organization, created_at, revoked_at FROM api_keys ORDER BY created_at, id")
                .compactMap(Self.apiKey)
        }
    }

    private static func apiKey(_ row: Row) -> APIKey? {
        guard let role = KeyRole(rawValue: row["role"]) else { return nil }
        return APIKey(id: row["id"], role: role, organization: row["organization"], createdAt: row["created_at"],
                      revokedAt: row["revoked_at"])
    }

    /// A new key's id and secret (random) and its organization as stored (trimmed; empty is none):
    /// what every engine's `createKey` stores, the secret as ``sha256Hex(_:)``.
    package static func newKey(organization: String?) -> (id: String, secret: String, organization: String?) {
        var rng = SystemRandomNumberGenerator()
        let secretBytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let idBytes = (0..<6).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let id = "key_" + idBytes.map { String(format: "%02x", $0) }.joined()
        let secret = secretPrefix + base64URL(secretBytes)
        let org = organization.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        return (id, secret, org)
    }

    package static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    package static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

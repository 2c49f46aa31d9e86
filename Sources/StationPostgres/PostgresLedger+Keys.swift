import Foundation
import PostgresNIO
import StationStore

/// API keys, stored as the SHA-256 of their secret exactly as the SQLite ledger stores them.
extension PostgresLedger {
    public func createKey(role: KeyRole, organization: String?) async throws -> (id: String, secret: String) {
        let (id, secret, org) = StationDatabase.newKey(organization: organization)
        let hash = StationDatabase.sha256Hex(secret)
        let now = UTCClock.nowISO()
        _ = try await rows("""
            INSERT INTO api_keys (id, role, organization, secret_sha256, created_at) VALUES (\(id), \(role.rawValue), \(org), \(hash), \(now))
            """)
        return (id, secret)
    }

    public func revokeKey(id: String) async throws {
        let now = UTCClock.nowISO()
        try await transaction { connection, logger in
            guard try await connection.all("SELECT 1 FROM api_keys WHERE id = \(id) FOR UPDATE", logger: logger).count == 1 else {
                throw StoreError.unknownKey(id)
            }
            try await connection.query("UPDATE api_keys SET revoked_at = \(now) WHERE id = \(id) AND revoked_at IS NULL", logger: logger)
        }
    }

    public func verifyKey(_ secret: String) async throws -> APIKey? {
        let hash = StationDatabase.sha256Hex(secret)
        return try await rows("""
            SELECT id, role, organization, created_at, revoked_at FROM api_keys WHERE secret_sha256 = \(hash) AND revoked_at IS NULL
            """).first.flatMap(Self.apiKey)
    }

    public func listKeys() async throws -> [APIKey] {
        try await rows("SELECT id, role, organization, created_at, revoked_at FROM api_keys ORDER BY created_at, id")
            .compactMap(Self.apiKey)
    }

    private static func apiKey(_ row: PostgresRow) throws -> APIKey? {
        let (id, roleText, organization, createdAt, revokedAt) = try row.decode((String, String, String?, String, String?).self)
        guard let role = KeyRole(rawValue: roleText) else { return nil }
        return APIKey(id: id, role: role, organization: organization, createdAt: createdAt, revokedAt: revokedAt)
    }
}

import Testing
@testable import StationStore

@Suite struct APIKeyTests {
    @Test func createVerifyRevoke() throws {
        let db = try StationDatabase.inMemory()
        let (id, secret) = try db.createKey(role: .member, organization: "Beijing Bus Co")
        #expect(secret.hasPrefix("sf_") && secret.count == 3 + 43)
        let key = try #require(try db.verifyKey(secret))
        #expect(key.id == id && key.role == .member && key.organization == "Beijing Bus Co" && !key.isRevoked)
        #expect(try db.verifyKey(secret + "x") == nil)
        try db.revokeKey(id: id)
        #expect(try db.verifyKey(secret) == nil)
        #expect(try db.listKeys().map(\.isRevoked) == [true])
        #expect(throws: StoreError.unknownKey("key_nope")) { try db.revokeKey(id: "key_nope") }
    }

    @Test func onlyTheHashIsStored() throws {
        let db = try StationDatabase.inMemory()
        let (_, secret) = try db.createKey(role: .editor, organization: nil)
        #expect(!(try db.dump()).contains(secret.dropFirst(3)))
        // SHA-256("abc"), FIPS 180-2 example.
        #expect(StationDatabase.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func secretsDiffer() throws {
        let db = try StationDatabase.inMemory()
        let a = try db.createKey(role: .auditor, organization: nil)
        let b = try db.createKey(role: .auditor, organization: nil)
        #expect(a.id != b.id && a.secret != b.secret)
    }
}

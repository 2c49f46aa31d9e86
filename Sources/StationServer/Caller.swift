import StationStore

/// Who is making a request, and so what they may see and do.
///
/// - anonymous: reads public (A and B) stations and coverage;
/// - member key: also sees its own organization's members-only (C) stations;
/// - editor key: writes the ledger (and sees every station, since it maintains them);
/// - auditor key: reads history and may export members-only stations.
public enum Caller: Sendable, Equatable {
    case anonymous
    case key(id: String, role: KeyRole, organization: String?)

    public var role: KeyRole? {
        if case .key(_, let role, _) = self { return role }
        return nil
    }

    /// The organization whose C stations this caller may be sent to, if any.
    public var memberOrganization: String? {
        if case .key(_, .member, let org) = self { return org }
        return nil
    }

    /// Whether members-only stations of every organization are visible (editors and auditors).
    public var seesAllStations: Bool { role == .editor || role == .auditor }

    /// Fails with 401 for anonymous callers and 403 for keys without one of `roles`.
    public func require(_ roles: KeyRole..., to action: String) throws {
        guard let role else {
            throw APIError(.unauthorized, code: "unauthorized", message: "\(action) needs an API key: send 'Authorization: Bearer KEY'")
        }
        guard roles.contains(role) else {
            let allowed = roles.map(\.rawValue).joined(separator: " or ")
            throw APIError(.forbidden, code: "forbidden", message: "\(action) needs a key with role \(allowed); this key is '\(role.rawValue)'")
        }
    }
}

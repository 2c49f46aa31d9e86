import Hummingbird
import StationCore

extension Caller {
    /// Whether this caller may see a station at all (members-only stations are hidden from others).
    func canSee(_ station: Station) -> Bool {
        station.grade.isPublic || seesAllStations || station.admits(memberOrganization: memberOrganization)
    }

    /// The name written to the ledger history for this caller's writes.
    var actorName: String {
        if case .key(let id, let role, _) = self { return "api:\(role.rawValue):\(id)" }
        return "api:anonymous"
    }

    /// The organization whose C stations a nearest query may return: a member key's own (also
    /// when `member` is left out); editors and auditors may ask for any; anonymous callers none.
    func memberOrganization(asking asked: String?) throws -> String? {
        switch self {
        case .anonymous:
            guard asked == nil else {
                throw APIError(.unauthorized, code: "unauthorized",
                               message: "members-only stations need a member key of that organization")
            }
            return nil
        case .key(_, .member, let own):
            if let asked, asked != own {
                throw APIError(.forbidden, code: "forbidden", message: "this member key belongs to another organization")
            }
            return own
        case .key:
            return asked
        }
    }
}

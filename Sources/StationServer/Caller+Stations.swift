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
}

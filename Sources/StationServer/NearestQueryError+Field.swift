import StationCore

extension NearestQueryError {
    /// The query parameter at fault.
    var field: String {
        switch self {
        case .pointNotFinite, .pointOutOfRange, .coordinateSystem: "lon"
        case .limitOutOfRange: "limit"
        case .maxDistanceInvalid: "max_distance"
        case .minOpenMinutesOutOfRange: "min_open_minutes"
        case .timeOutOfRange: "at"
        case .emptyMemberOrganization: "member"
        }
    }
}

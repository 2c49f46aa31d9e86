/// The one-sentence summaries of a nearest-station answer.
enum NearestMessage {
    static func found(answer a: NearestAnswer) -> String {
        let n = a.results.count
        let what = n == 1 ? "1 station" : "\(n) stations"
        return "\(what) \(condition(a.query)); the nearest is \(a.results[0].name) (\(a.results[0].id)), "
            + "\(metres(a.results[0].distanceMetres)) away."
    }

    static func none(answer a: NearestAnswer, matchingIgnoringHours: Int) -> String {
        let q = a.query
        let scope = q.maxDistanceMetres.map { " within \(metres($0))" } ?? ""
        if matchingIgnoringHours == 0 {
            return "No station\(scope) matches the filters (\(filters(q))); try a larger distance or fewer filters."
        }
        guard let first = a.alternatives.first else {
            return "No matching station\(scope) is \(condition(q)), and none opens in the next 14 days."
        }
        let when = a.timeZone.local(epochSeconds: first.opensAtEpochSeconds).isoString
        return "No matching station\(scope) is \(condition(q)); the soonest to open is \(first.station.name) "
            + "(\(first.station.id)), \(metres(first.station.distanceMetres)) away, at \(when)."
    }

    static func condition(_ q: NearestQuery) -> String {
        switch q.openPolicy {
        case .now: return "open now"
        case .arrival:
            return q.minOpenMinutes == 0
                ? "open on arrival (\(q.mode.rawValue))"
                : "open on arrival (\(q.mode.rawValue)) for at least \(q.minOpenMinutes) minutes"
        }
    }

    static func filters(_ q: NearestQuery) -> String {
        var parts: [String] = []
        let amenities = q.requiredAmenities.map(\.rawValue)
        if !amenities.isEmpty { parts.append("amenities: " + amenities.joined(separator: ", ")) }
        if !q.grades.isEmpty { parts.append("grades: " + q.grades.sorted().map(\.rawValue).joined(separator: ", ")) }
        parts.append(q.memberOrganization.map { "member of \($0)" } ?? "public stations only")
        return parts.joined(separator: "; ")
    }

    static func metres(_ m: Double) -> String {
        m < 10_000 ? "\(Int(m.rounded())) m" : "\(Double(Int((m / 100).rounded())) / 10) km"
    }
}

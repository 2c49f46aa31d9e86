/// The one-sentence summary of an along-the-route answer, in the words of ``NearestMessage``.
enum AlongMessage {
    static func write<T: TextPieces & ~Copyable>(_ a: AlongAnswer, into out: inout T) {
        let q = a.query.nearestTerms
        guard let first = a.results.first else {
            none(a, into: &out)
            return
        }
        let n = a.results.count
        if n == 1 { out.append("1 station") } else { out.append(n); out.append(" stations") }
        scope(a, into: &out)
        out.append(n == 1 ? " is " : " are ")
        NearestMessage.condition(q, into: &out)
        out.append("; the first is ")
        out.append(first.name)
        out.append(" (")
        out.append(first.id)
        out.append("), ")
        NearestMessage.metres(first.alongMetres, into: &out)
        out.append(" along and ")
        NearestMessage.metres(first.offsetMetres, into: &out)
        out.append(" off the route.")
    }

    private static func none<T: TextPieces & ~Copyable>(_ a: AlongAnswer, into out: inout T) {
        let q = a.query.nearestTerms
        if a.candidatesIgnoringHours == 0 {
            out.append("No station")
            scope(a, into: &out)
            out.append(" matches the filters (")
            NearestMessage.filters(q, into: &out)
            out.append("); try a longer detour or fewer filters.")
            return
        }
        out.append("No matching station")
        scope(a, into: &out)
        out.append(" is ")
        NearestMessage.condition(q, into: &out)
        guard let first = a.alternatives.first else {
            out.append(", and none opens in the next 14 days.")
            return
        }
        out.append("; the soonest to open is ")
        out.append(first.station.name)
        out.append(" (")
        out.append(first.station.id)
        out.append("), ")
        NearestMessage.metres(first.station.offsetMetres, into: &out)
        out.append(" off the route, at ")
        out.append(a.timeZone.local(epochSeconds: first.opensAtEpochSeconds).isoString)
        out.append(".")
    }

    /// ` within a 500 m detour of the 30.2 km route`
    private static func scope<T: TextPieces & ~Copyable>(_ a: AlongAnswer, into out: inout T) {
        out.append(" within a ")
        NearestMessage.metres(a.query.maxDetourMetres, into: &out)
        out.append(" detour of the ")
        NearestMessage.metres(a.route.lengthMetres, into: &out)
        out.append(" route")
    }
}

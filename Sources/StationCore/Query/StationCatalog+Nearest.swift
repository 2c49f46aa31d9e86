/// The filter a catalog query hands to the index: amenities, grades and access on the packed
/// attributes while leaves are scanned; opening hours (which depend on the exact distance, through the
/// arrival time) only for candidates taken in distance order.
struct CatalogFilter: NearestFilter {
    let requiredAmenityBits: UInt16
    let gradeMask: UInt8
    /// The member's organization number, or a value no station carries.
    let memberOrganizationID: UInt32
    /// nil: ignore opening hours (used for alternatives).
    let policy: OpenPolicy?
    let atEpochSeconds: Int64
    let minOpenSeconds: Int64
    let mode: TravelMode
    let hours: [SharedSchedule]
    let stations: [Station]

    static let gradeBitC = StationAttributes.bit(of: .C)

    @inline(__always)
    func admits(_ a: StationAttributes) -> Bool {
        a.amenityBits & requiredAmenityBits == requiredAmenityBits
            && a.gradeBit & gradeMask != 0
            && (a.gradeBit != Self.gradeBitC || a.organizationID == memberOrganizationID)
    }

    @inline(__always)
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool {
        guard let policy else { return true }
        let h = hours[Int(attributes.hoursID)]
        switch policy {
        case .now:
            return h.isOpen(atEpochSeconds: atEpochSeconds)
        case .arrival:
            let arrival = atEpochSeconds + mode.travelSecondsRoundedUp(forDistanceMetres: distanceMetres)
            return h.isOpenThroughout(fromEpochSeconds: arrival, seconds: minOpenSeconds)
        }
    }

    func precedes(source a: Int, source b: Int) -> Bool { stations[a].id < stations[b].id }
}

extension StationCatalog {
    /// How many nearest hours-ignoring candidates are examined for alternatives: 4 x limit, at least 20.
    public static func alternativesPoolSize(limit: Int) -> Int { max(20, 4 * limit) }

    /// How far ahead an alternative's opening is looked for: 14 days.
    public static let alternativesHorizonSeconds: Int64 = 14 * 86_400

    /// Answers a query; invalid queries throw before any search.
    public func nearest(_ query: NearestQuery) throws(NearestQueryError) -> NearestAnswer {
        let point = try query.validated()
        var gradeMask: UInt8 = 0
        for g in query.grades { gradeMask |= StationAttributes.bit(of: g) }
        if gradeMask == 0 { gradeMask = 7 }
        let member = query.memberOrganization.flatMap { organizationIDs[$0] } ?? UInt32.max
        let filter = CatalogFilter(
            requiredAmenityBits: UInt16(truncatingIfNeeded: query.requiredAmenities.bits),
            gradeMask: gradeMask, memberOrganizationID: member, policy: query.openPolicy,
            atEpochSeconds: query.atEpochSeconds, minOpenSeconds: Int64(query.minOpenMinutes) * 60,
            mode: query.mode, hours: hoursTable, stations: stations)
        // An amenity outside the 16 packed bits can never be satisfied.
        let impossible = query.requiredAmenities.bits > UInt32(UInt16.max)
        let maxD = query.maxDistanceMetres ?? .infinity
        let hits = impossible ? [] : index.nearest(to: point, limit: query.limit, maxDistanceMetres: maxD, filter: filter)
        let results = hits.map { result(for: $0, point: point, query: query) }
        var answer = NearestAnswer(
            query: query, pointWGS84: point, results: results, alternatives: [], candidatesIgnoringHours: 0,
            timeZone: timeZone)
        if results.isEmpty {
            let loose = CatalogFilter(
                requiredAmenityBits: filter.requiredAmenityBits, gradeMask: gradeMask, memberOrganizationID: member,
                policy: nil, atEpochSeconds: query.atEpochSeconds, minOpenSeconds: filter.minOpenSeconds,
                mode: query.mode, hours: hoursTable, stations: stations)
            let pool = impossible ? [] : index.nearest(
                to: point, limit: Self.alternativesPoolSize(limit: query.limit), maxDistanceMetres: maxD, filter: loose)
            answer.alternatives = alternatives(from: pool, point: point, query: query)
            answer.candidatesIgnoringHours = pool.count
        }
        return answer
    }

    /// The full result for one index hit.
    func result(for hit: IndexHit, point: LonLat, query: NearestQuery) -> NearestResult {
        let s = stations[hit.source]
        let h = hoursTable[Int(hit.attributes.hoursID)]
        let travel = query.mode.travelSeconds(forDistanceMetres: hit.distanceMetres)
        let arrival = query.atEpochSeconds + query.mode.travelSecondsRoundedUp(forDistanceMetres: hit.distanceMetres)
        return NearestResult(
            id: s.id, name: s.name, grade: s.grade, address: s.address, location: s.location,
            locationInCallerCRS: query.crs == .wgs84 ? nil : query.crs.fromWGS84(s.location),
            distanceMetres: hit.distanceMetres,
            bearingDegrees: Earth.bearingDegrees(from: point, to: s.location),
            travelMinutes: travel / 60, arrivalEpochSeconds: arrival,
            stateOnArrival: h.state(atEpochSeconds: arrival),
            closesAtEpochSeconds: h.nextChange(afterEpochSeconds: arrival),
            amenities: s.amenities)
    }

    /// Alternatives from hours-ignoring candidates: see ``NearestAnswer/alternatives``.
    func alternatives(from pool: [IndexHit], point: LonLat, query: NearestQuery) -> [NearestAlternative] {
        var found: [NearestAlternative] = []
        for hit in pool {
            let r = result(for: hit, point: point, query: query)
            let h = hoursTable[Int(hit.attributes.hoursID)]
            let start = query.openPolicy == .now ? query.atEpochSeconds : r.arrivalEpochSeconds
            guard let t = Self.firstQualifyingTime(
                h, from: start, policy: query.openPolicy, minOpenSeconds: Int64(query.minOpenMinutes) * 60)
            else { continue }
            found.append(NearestAlternative(station: r, opensAtEpochSeconds: t))
        }
        found.sort {
            ($0.opensAtEpochSeconds, $0.station.distanceMetres, $0.station.id)
                < ($1.opensAtEpochSeconds, $1.station.distanceMetres, $1.station.id)
        }
        return Array(found.prefix(query.limit))
    }

    /// The earliest instant `t >= from` (within the horizon) at which the schedule satisfies the policy,
    /// walking from state change to state change.
    static func firstQualifyingTime(
        _ h: SharedSchedule, from: Int64, policy: OpenPolicy, minOpenSeconds: Int64
    ) -> Int64? {
        let end = from + alternativesHorizonSeconds
        var t = from
        for _ in 0..<256 {
            let ok: Bool
            switch policy {
            case .now: ok = h.isOpen(atEpochSeconds: t)
            case .arrival: ok = h.isOpenThroughout(fromEpochSeconds: t, seconds: minOpenSeconds)
            }
            if ok { return t }
            guard let next = h.nextChange(afterEpochSeconds: t), next > t, next <= end else { return nil }
            t = next
        }
        return nil
    }
}

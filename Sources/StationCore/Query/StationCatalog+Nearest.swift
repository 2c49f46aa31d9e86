/// The filter a catalog query hands to the index: amenities, grades and access on the packed attributes,
/// then opening hours -- decided from the key alone where the schedule's state at the query time settles
/// it (``ScheduleVerdict``), otherwise with the exact distance, through the arrival time.
struct CatalogFilter: NearestFilter {
    /// Amenities (all of them), grades, and access: members-only (grade C) stations only to their
    /// organization's members.
    let admission: AdmissionRule
    /// nil: ignore opening hours (used for alternatives).
    let policy: OpenPolicy?
    let atEpochSeconds: Int64
    let minOpenSeconds: Int64
    let mode: TravelMode
    let hours: [CompiledHours]
    let stations: [Station]
    /// What this query has worked out about the schedules it met.
    var verdicts = ScheduleVerdicts()

    mutating func screen(_ a: StationAttributes, key: Double) -> Screening {
        guard let policy else { return .accept }
        let v = verdicts.verdict(a.hoursID) {
            ScheduleVerdict(
                hours[Int(a.hoursID)], policy: policy, atEpochSeconds: atEpochSeconds, minOpenSeconds: minOpenSeconds,
                mode: mode)
        }
        if key < v.keyLimit { return v.state == .open ? .accept : .reject }
        return .measure
    }

    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool {
        guard let policy else { return true }
        let arrival = atEpochSeconds + mode.travelSecondsRoundedUp(forDistanceMetres: distanceMetres)
        return hours[Int(attributes.hoursID)].satisfies(
            policy, atEpochSeconds: atEpochSeconds, arrivalEpochSeconds: arrival, minOpenSeconds: minOpenSeconds)
    }

    func precedes(source a: Int, source b: Int) -> Bool { stations[a].id < stations[b].id }
}

extension CompiledHours {
    /// Whether a station on this schedule satisfies an open policy: open at the query time (``OpenPolicy/now``),
    /// or open on arrival and for `minOpenSeconds` more (``OpenPolicy/arrival``). Nearest and along both
    /// decide with this.
    func satisfies(_ policy: OpenPolicy, atEpochSeconds: Int64, arrivalEpochSeconds: Int64, minOpenSeconds: Int64) -> Bool {
        switch policy {
        case .now: return isOpen(atEpochSeconds: atEpochSeconds)
        case .arrival: return isOpenThroughout(fromEpochSeconds: arrivalEpochSeconds, seconds: minOpenSeconds)
        }
    }
}

extension StationCatalog {
    /// How many nearest hours-ignoring candidates are examined for alternatives: 4 x limit, at least 20.
    public static func alternativesPoolSize(limit: Int) -> Int { max(20, 4 * limit) }

    /// How far ahead an alternative's opening is looked for: 14 days.
    public static let alternativesHorizonSeconds: Int64 = 14 * 86_400

    /// Answers a query; invalid queries throw before any search.
    public func nearest(_ query: NearestQuery) throws(NearestQueryError) -> NearestAnswer {
        let point = try query.validated()
        let maxD = query.maxDistanceMetres ?? .infinity
        var filter = CatalogFilter(
            admission: admissionRule(query), policy: query.openPolicy, atEpochSeconds: query.atEpochSeconds,
            minOpenSeconds: Int64(query.minOpenMinutes) * 60, mode: query.mode, hours: hoursTable, stations: stations)
        // An amenity outside the 16 packed bits can never be satisfied.
        let limit = query.requiredAmenities.bits > UInt32(UInt16.max) ? 0 : query.limit
        let search = index.search(to: point, limit: limit, maxDistanceMetres: maxD, filter: filter)
        let results = search.hits.map { result(for: $0, query, verdicts: search.filter.verdicts) }
        var alternatives: [NearestAlternative] = []
        var pool = 0
        if results.isEmpty && limit > 0 {
            filter = CatalogFilter(
                admission: filter.admission, policy: nil, atEpochSeconds: filter.atEpochSeconds,
                minOpenSeconds: filter.minOpenSeconds, mode: filter.mode, hours: hoursTable, stations: stations)
            let candidates = index.nearest(
                to: point, limit: Self.alternativesPoolSize(limit: query.limit), maxDistanceMetres: maxD, filter: filter)
            alternatives = self.alternatives(from: candidates, query: query)
            pool = candidates.count
        }
        return NearestAnswer(
            query: query, pointWGS84: point, results: results, alternatives: alternatives,
            candidatesIgnoringHours: pool, timeZone: timeZone)
    }

    /// The query's amenities, grades and access as the index tests them: members-only (grade C) stations
    /// only for a member of their organization.
    func admissionRule(_ query: NearestQuery) -> AdmissionRule {
        var gradeMask: UInt8 = 0
        for g in query.grades { gradeMask |= StationAttributes.bit(of: g) }
        if gradeMask == 0 { gradeMask = 7 }
        let member = query.memberOrganization.flatMap { organizationIDs[$0] } ?? UInt32.max
        return AdmissionRule(
            requiredAmenityBits: UInt16(truncatingIfNeeded: query.requiredAmenities.bits), gradeMask: gradeMask,
            membersOnlyGradeMask: StationAttributes.bit(of: .C), memberOrganizationID: member)
    }

    /// The full result for one index hit. `verdicts` (the search's) spare looking up the state on arrival
    /// and the next change when the schedule's state at the query time still holds then.
    func result(for hit: IndexHit, _ query: NearestQuery, verdicts: ScheduleVerdicts? = nil) -> NearestResult {
        let travel = query.mode.travelSeconds(forDistanceMetres: hit.distanceMetres)
        let arrival = query.atEpochSeconds + query.mode.travelSecondsRoundedUp(forDistanceMetres: hit.distanceMetres)
        let state: OpeningState
        let change: Int64?
        if let v = verdicts?.known(hit.attributes.hoursID), let next = v.nextChange,
            arrival >= query.atEpochSeconds, arrival < next
        {
            // Same state from the query time up to the change, so the first change after arrival is that one.
            (state, change) = (v.state, next)
        } else {
            (state, change) = hoursTable[Int(hit.attributes.hoursID)].stateAndNextChange(atEpochSeconds: arrival)
        }
        let station = stations[hit.source]
        return NearestResult(
            id: station.id, name: station.name, address: station.address, grade: hit.attributes.grade,
            location: hit.lonLat, locationInCallerCRS: query.crs == .wgs84 ? nil : query.crs.fromWGS84(hit.lonLat),
            distanceMetres: hit.distanceMetres, bearingDegrees: hit.bearingDegrees, travelMinutes: travel / 60,
            arrivalEpochSeconds: arrival, stateOnArrival: state, nextChangeEpochSeconds: change,
            amenities: AmenitySet(bits: UInt32(hit.attributes.amenityBits)))
    }

    /// Alternatives from hours-ignoring candidates: see ``NearestAnswer/alternatives``.
    func alternatives(from pool: [IndexHit], query: NearestQuery) -> [NearestAlternative] {
        var found: [NearestAlternative] = []
        for hit in pool {
            let r = result(for: hit, query)
            let start = query.openPolicy == .now ? query.atEpochSeconds : r.arrivalEpochSeconds
            guard let t = Self.firstQualifyingTime(
                hoursTable[Int(hit.attributes.hoursID)], from: start, policy: query.openPolicy,
                minOpenSeconds: Int64(query.minOpenMinutes) * 60)
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
    static func firstQualifyingTime(_ h: CompiledHours, from: Int64, policy: OpenPolicy, minOpenSeconds: Int64) -> Int64? {
        let end = from + alternativesHorizonSeconds
        var t = from
        for _ in 0..<256 {
            if h.satisfies(policy, atEpochSeconds: t, arrivalEpochSeconds: t, minOpenSeconds: minOpenSeconds) { return t }
            guard let next = h.nextChange(afterEpochSeconds: t), next > t, next <= end else { return nil }
            t = next
        }
        return nil
    }
}

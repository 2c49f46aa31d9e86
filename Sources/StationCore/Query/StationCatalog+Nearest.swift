import Foundation

/// The filter a catalog query hands to the index: amenities, grades and access on the packed
/// attributes, then opening hours -- decided from the key alone where the schedule's state at the query
/// time settles it (``ScheduleVerdicts``), otherwise with the exact distance, through the arrival time.
struct CatalogFilter: NearestFilter {
    /// Amenities (all of them), grades, and access: members-only (grade C) stations only to their
    /// organization's members.
    let admission: AdmissionRule
    /// nil: ignore opening hours (used for alternatives).
    var policy: OpenPolicy?
    let atEpochSeconds: Int64
    let minOpenSeconds: Int64
    let mode: TravelMode
    /// The catalog's tables, borrowed for the query (buffers rather than arrays: copying the filter into the
    /// search then costs no reference counting).
    let hours: UnsafeBufferPointer<SharedSchedule>
    let stations: UnsafeBufferPointer<Station>
    /// The query's verdict cache; needed whenever ``policy`` is set.
    var verdicts: ScheduleVerdicts?

    @inline(__always)
    func screen(_ a: StationAttributes, key: Double) -> Screening {
        guard let policy, let verdicts else { return .accept }
        let v = verdicts.verdict(a.hoursID) { id in
            ScheduleVerdicts.make(
                hoursID: id, schedule: hours[Int(id)], policy: policy, atEpochSeconds: atEpochSeconds,
                minOpenSeconds: minOpenSeconds, mode: mode)
        }
        if key < v.keyLimit { return v.state == .open ? .accept : .reject }
        return .measure
    }

    @inline(__always)
    func accepts(source: Int, attributes: StationAttributes, distanceMetres: Double) -> Bool {
        guard let policy else { return true }
        let arrival = atEpochSeconds + mode.travelSecondsRoundedUp(forDistanceMetres: distanceMetres)
        return hours[Int(attributes.hoursID)].satisfies(
            policy, atEpochSeconds: atEpochSeconds, arrivalEpochSeconds: arrival, minOpenSeconds: minOpenSeconds)
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
        // An amenity outside the 16 packed bits can never be satisfied.
        let impossible = query.requiredAmenities.bits > UInt32(UInt16.max)
        let found = impossible ? SearchOutcome() : hoursTable.withUnsafeBufferPointer { hours in
            stations.withUnsafeBufferPointer { stations in
                search(query, point: point, hours: hours, stations: stations)
            }
        }
        // Built in one go: setting a field afterwards cost a copy of the whole answer (a dozen reference
        // count operations).
        return NearestAnswer(
            query: query, pointWGS84: point, results: found.results, alternatives: found.alternatives,
            candidatesIgnoringHours: found.pool, timeZone: timeZone, fragmentSource: jsonFragments)
    }

    /// What ``search(_:point:hours:stations:)`` found: results, or when there are none the alternatives
    /// and the size of the pool they came from.
    private struct SearchOutcome {
        var results: [NearestResult] = []
        var alternatives: [NearestAlternative] = []
        var pool = 0
    }

    /// The search behind ``nearest(_:)``.
    private func search(
        _ query: NearestQuery, point: LonLat, hours: UnsafeBufferPointer<SharedSchedule>,
        stations: UnsafeBufferPointer<Station>
    ) -> SearchOutcome {
        let admission = admissionRule(query)
        var filter = CatalogFilter(
            admission: admission, policy: query.openPolicy,
            atEpochSeconds: query.atEpochSeconds, minOpenSeconds: Int64(query.minOpenMinutes) * 60,
            mode: query.mode, hours: hours, stations: stations)
        let maxD = query.maxDistanceMetres ?? .infinity
        let found = withUnsafeTemporaryAllocation(of: ScheduleVerdict.self, capacity: ScheduleVerdicts.capacity) {
            let verdicts = ScheduleVerdicts(lending: $0)
            let memoKey = VerdictMemo.Key(
                atEpochSeconds: query.atEpochSeconds, policy: query.openPolicy, minOpenSeconds: filter.minOpenSeconds,
                mode: query.mode)
            let seeded = verdictMemo.seed(verdicts, for: memoKey)
            let known = seeded ? verdicts.filledCount() : 0
            filter.verdicts = verdicts
            // The results straight from the hits the search lends: an array of hits would cost an allocation.
            // The closure sees only plain values of the query: capturing the query itself copied it.
            let terms = ResultTerms(query)
            let results = index.withNearest(to: point, limit: query.limit, maxDistanceMetres: maxD, filter: filter) {
                hits in hits.map { result(for: $0, terms, verdicts: verdicts) }
            }
            if !seeded || verdicts.filledCount() > known {
                verdictMemo.publish(verdicts, for: memoKey, nowEpochSeconds: CoarseClock.nowEpochSeconds())
            }
            return SearchOutcome(results: results)
        }
        guard found.results.isEmpty else { return found }
        filter.policy = nil
        filter.verdicts = nil
        let pool = index.nearest(
            to: point, limit: Self.alternativesPoolSize(limit: query.limit), maxDistanceMetres: maxD, filter: filter)
        return SearchOutcome(
            alternatives: alternatives(from: pool, query: query), pool: pool.count)
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

    /// What ``result(for:_:verdicts:)`` needs of a query, as plain values.
    struct ResultTerms {
        let atEpochSeconds: Int64
        let mode: TravelMode
        let crs: CoordinateSystem

        init(_ query: NearestQuery) {
            atEpochSeconds = query.atEpochSeconds
            mode = query.mode
            crs = query.crs
        }
    }

    /// The full result for one index hit, given the query's ``ResultTerms``; `verdicts` (the search's, when
    /// it had any) spare looking up the state on arrival and the next change when the schedule's state at
    /// the query time still holds then.
    func result(
        for hit: IndexHit, _ query: ResultTerms, verdicts: ScheduleVerdicts? = nil
    ) -> NearestResult {
        // Everything but the station's text from the index hit: the search never touches the station records.
        let i = hit.source
        let location = hit.lonLat
        let travel = query.mode.travelSeconds(forDistanceMetres: hit.distanceMetres)
        let arrival = query.atEpochSeconds + query.mode.travelSecondsRoundedUp(forDistanceMetres: hit.distanceMetres)
        let state: OpeningState
        let change: Int64?
        if let v = verdicts?.known(hit.attributes.hoursID), v.nextChange != .min,
            arrival >= query.atEpochSeconds, arrival < v.nextChange
        {
            // Same state from the query time up to the change, so the first change after arrival is that one.
            state = v.state
            change = v.nextChange
        } else {
            let h = hoursTable[Int(hit.attributes.hoursID)]
            state = h.state(atEpochSeconds: arrival)
            change = h.nextChange(afterEpochSeconds: arrival)
        }
        return NearestResult(
            record: StationRecord(stations: stations, index: i), grade: hit.attributes.grade, location: location,
            locationInCallerCRS: query.crs == .wgs84 ? nil : query.crs.fromWGS84(location),
            distanceMetres: hit.distanceMetres,
            bearingDegrees: hit.bearingDegrees,
            travelMinutes: travel / 60, arrivalEpochSeconds: arrival,
            stateOnArrival: state, closesAtEpochSeconds: change,
            amenities: AmenitySet(bits: UInt32(hit.attributes.amenityBits)))
    }

    /// Alternatives from hours-ignoring candidates: see ``NearestAnswer/alternatives``.
    func alternatives(
        from pool: [IndexHit], query: NearestQuery
    ) -> [NearestAlternative] {
        var found: [NearestAlternative] = []
        let terms = ResultTerms(query)
        for hit in pool {
            let r = result(for: hit, terms)
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
            if h.satisfies(policy, atEpochSeconds: t, arrivalEpochSeconds: t, minOpenSeconds: minOpenSeconds) { return t }
            guard let next = h.nextChange(afterEpochSeconds: t), next > t, next <= end else { return nil }
            t = next
        }
        return nil
    }
}

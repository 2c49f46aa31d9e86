extension StationCatalog {
    /// Answers an along-the-route query; invalid queries throw before any search.
    ///
    /// Candidates come from the index's corridor search (``StationIndex/withinCorridor(of:halfWidthMetres:admission:)``)
    /// with nearest's admission rule; each is then held to nearest's open policy at its own arrival time.
    public func along(_ query: AlongQuery) throws(AlongQueryError) -> AlongAnswer {
        let route = try query.validatedRoute()
        let terms = query.nearestTerms
        // An amenity outside the 16 packed bits can never be satisfied.
        let impossible = query.requiredAmenities.bits > UInt32(UInt16.max)
        let candidates = impossible ? [] : index.withinCorridor(
            of: route, halfWidthMetres: query.maxDetourMetres / 2, admission: admissionRule(terms))
        let minOpenSeconds = Int64(query.minOpenMinutes) * 60
        var results: [AlongResult] = []
        for c in candidates {
            let arrival = query.atEpochSeconds + Self.travelSecondsRoundedUp(to: c.position, mode: query.mode)
            guard hoursTable[Int(c.attributes.hoursID)].satisfies(
                query.openPolicy, atEpochSeconds: query.atEpochSeconds, arrivalEpochSeconds: arrival,
                minOpenSeconds: minOpenSeconds)
            else { continue }
            results.append(result(for: c, arrivalEpochSeconds: arrival, crs: query.crs))
        }
        results.sort { Self.routeOrder($0, $1) }
        var alternatives: [AlongAlternative] = []
        if results.isEmpty {
            alternatives = self.alternatives(from: candidates, query: query)
        }
        return AlongAnswer(
            query: query, route: route, results: Array(results.prefix(query.limit)), alternatives: alternatives,
            candidatesIgnoringHours: results.isEmpty ? candidates.count : 0, timeZone: timeZone)
    }

    /// Travel from the route's start to a station: along the route to the nearest point, then off it to the
    /// station with nearest's detour factor, at the mode's speed; whole seconds, rounded up.
    static func travelSecondsRoundedUp(to position: RoutePosition, mode: TravelMode) -> Int64 {
        let metres = position.alongMetres + TravelMode.detourFactor * position.offsetMetres
        return Int64((metres / mode.speedMetresPerSecond).rounded(.up))
    }

    /// Along the route, then nearer the route, then by id.
    static func routeOrder(_ a: AlongResult, _ b: AlongResult) -> Bool {
        (a.alongMetres, a.offsetMetres, a.id) < (b.alongMetres, b.offsetMetres, b.id)
    }

    private func result(for c: CorridorHit, arrivalEpochSeconds arrival: Int64, crs: CoordinateSystem) -> AlongResult {
        let (state, next) = hoursTable[Int(c.attributes.hoursID)].stateAndNextChange(atEpochSeconds: arrival)
        let station = stations[c.source]
        return AlongResult(
            id: station.id, name: station.name, address: station.address, grade: c.attributes.grade,
            location: c.lonLat, locationInCallerCRS: crs == .wgs84 ? nil : crs.fromWGS84(c.lonLat),
            offsetMetres: c.position.offsetMetres, alongMetres: c.position.alongMetres,
            arrivalEpochSeconds: arrival, stateOnArrival: state, nextChangeEpochSeconds: next,
            amenities: AmenitySet(bits: UInt32(c.attributes.amenityBits)))
    }

    /// The stations nearest the route that open soonest, as nearest's alternatives are chosen.
    private func alternatives(from candidates: [CorridorHit], query: AlongQuery) -> [AlongAlternative] {
        let pool = candidates.sorted {
            ($0.position.offsetMetres, stations[$0.source].id) < ($1.position.offsetMetres, stations[$1.source].id)
        }.prefix(Self.alternativesPoolSize(limit: query.limit))
        var found: [AlongAlternative] = []
        for c in pool {
            let arrival = query.atEpochSeconds + Self.travelSecondsRoundedUp(to: c.position, mode: query.mode)
            let start = query.openPolicy == .now ? query.atEpochSeconds : arrival
            guard let t = Self.firstQualifyingTime(
                hoursTable[Int(c.attributes.hoursID)], from: start, policy: query.openPolicy,
                minOpenSeconds: Int64(query.minOpenMinutes) * 60)
            else { continue }
            found.append(AlongAlternative(
                station: result(for: c, arrivalEpochSeconds: arrival, crs: query.crs), opensAtEpochSeconds: t))
        }
        found.sort {
            ($0.opensAtEpochSeconds, $0.station.offsetMetres, $0.station.id)
                < ($1.opensAtEpochSeconds, $1.station.offsetMetres, $1.station.id)
        }
        return Array(found.prefix(query.limit))
    }
}

import StationApp
import StationCore
import StationGeometry

extension QueryReader {
    /// The time a coverage or map question is about, from `at` (default now) or `any_time=true`
    /// (open at some point of the week holding `at`); both together are refused.
    func coverageTime() throws -> CoverageTime {
        try QueryInput.coverageTime(at: string("at"), anyTime: try bool("any_time"), label: "at",
                                    nowEpochSeconds: ServiceClock.system.nowEpochSeconds())
    }

    /// radius, at | any_time and include_members_only, checked; members-only stations only for
    /// auditors and editors.
    /// `readsTime: false` for the profile, which looks at every hour of a week itself.
    func coverageOptions(context: StationRequestContext, readsTime: Bool = true) throws -> CoverageOptions {
        let time = readsTime ? try coverageTime() : .ignoringHours
        let membersOnly = try bool("include_members_only")
        if membersOnly { try context.caller.require(.auditor, .editor, to: "including members-only stations") }
        let options = CoverageOptions(radiusMetres: try radiusMetres(), time: time, includeMembersOnly: membersOnly)
        do { try options.validate() } catch { throw APIError.invalid(error.field, error.description) }
        return options
    }

    /// The districts named by `district` (repeats and commas alike, each once, in the order given);
    /// nil for all of them.
    func districts(in snapshot: LedgerSnapshot) throws -> [DistrictShape]? {
        var shapes: [DistrictShape] = []
        for name in list("district") {
            let shape = try Self.shape(named: name, in: snapshot)
            if !shapes.contains(where: { $0.name.adcode == shape.name.adcode }) { shapes.append(shape) }
        }
        return shapes.isEmpty ? nil : shapes
    }

    /// `radius`, or the radius a walk of `walk_minutes` reaches (not both); default 500 m.
    func radiusMetres() throws -> Double {
        let radius = try double("radius")
        guard let minutes = try double("walk_minutes") else { return radius ?? CoverageOptions.defaultRadiusMetres }
        if radius != nil { throw APIError.invalid("walk_minutes", "give either radius or walk_minutes, not both") }
        let metres = CoverageOptions.radiusMetres(walkMinutes: minutes)
        guard minutes > 0, metres <= CoverageOptions.radiusRangeMetres.upperBound else {
            throw APIError.invalid("walk_minutes", "walk_minutes must be greater than 0 and reach at most 50 km (866 minutes), got \(minutes)")
        }
        return metres
    }

    /// The district a name, adcode or pinyin names, or a 404 naming `district`.
    static func shape(named name: String, in snapshot: LedgerSnapshot) throws -> DistrictShape {
        do {
            return try snapshot.coverage.district(matching: name)
        } catch {
            throw APIError(.notFound, code: "not_found", message: error.description, field: "district")
        }
    }
}

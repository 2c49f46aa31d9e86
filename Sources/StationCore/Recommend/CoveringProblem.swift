/// A maximal covering location problem: where to add sites so that the most demand is reached.
///
/// Demand sits at points with weights; existing stations already reach some points; each candidate
/// site reaches a list of points. A point counts as covered once `requiredReach` stations or chosen
/// sites reach it (1 for plain coverage, 2 for the unions' cross-coverage standard). Pure values:
/// building the lists from geography is the caller's business.
public struct CoveringProblem: Sendable {
    /// Demand at each point (people, or km² when demand is spread evenly over area).
    public var weights: [Double]
    /// How many existing stations reach each point.
    public var existingReach: [Int]
    /// For each candidate site, the indices of the demand points it reaches.
    public var reach: [[Int32]]
    /// Stations or sites a point needs within reach to count as covered (1 or 2).
    public var requiredReach: Int

    public init(weights: [Double], existingReach: [Int], reach: [[Int32]], requiredReach: Int) {
        precondition(weights.count == existingReach.count, "one existing count per demand point")
        precondition(requiredReach >= 1, "a point needs at least one station to be covered")
        self.weights = weights
        self.existingReach = existingReach
        self.reach = reach
        self.requiredReach = requiredReach
    }

    public var candidateCount: Int { reach.count }

    /// Total demand of all points.
    public var totalDemand: Double { weights.reduce(0, +) }

    /// Demand covered by the existing stations alone.
    public var coveredBefore: Double { covered(by: []) }

    /// Demand covered by the existing stations plus the `chosen` candidates.
    public func covered(by chosen: [Int]) -> Double {
        var counts = existingReach
        for j in chosen {
            for i in reach[j] { counts[Int(i)] += 1 }
        }
        var sum = 0.0
        for (i, c) in counts.enumerated() where c >= requiredReach { sum += weights[i] }
        return sum
    }
}

import StationCore
import Testing
@testable import StationOptimization

/// Greedy + swap and the GLPK bound against the true optimum found by trying every K-subset.
@Suite("Site recommendation against brute force")
struct CoveringBruteForceTests {
    /// A seeded instance in a 10 km square: demand points with random weights, 15 candidate sites,
    /// a few existing stations; reach by plane distance (the solver does not care how reach was made).
    static func instance(seed: UInt64, requiredReach: Int) -> CoveringProblem {
        var rng = SplitMix64(seed: seed)
        func point() -> (Double, Double) { (rng.nextUnit() * 10_000, rng.nextUnit() * 10_000) }
        let demand = (0..<80).map { _ in point() }
        let weights = (0..<80).map { _ in (rng.nextUnit() * 100).rounded() + 1 }
        let existing = (0..<3).map { _ in point() }
        let candidates = (0..<15).map { _ in point() }
        let radius = 1_800.0 + rng.nextUnit() * 1_200
        func within(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
            let dx = a.0 - b.0, dy = a.1 - b.1
            return dx * dx + dy * dy <= radius * radius
        }
        let existingReach = demand.map { p in existing.filter { within($0, p) }.count }
        let reach = candidates.map { c in demand.indices.filter { within(c, demand[$0]) }.map(Int32.init) }
        return CoveringProblem(weights: weights, existingReach: existingReach, reach: reach, requiredReach: requiredReach)
    }

    /// The best covered demand over every subset of exactly `k` candidates.
    static func optimum(_ problem: CoveringProblem, k: Int) -> Double {
        var best = problem.coveredBefore
        var subset = Array(0..<k)
        while true {
            best = max(best, problem.covered(by: subset))
            // Next combination in lexicographic order.
            var i = k - 1
            while i >= 0 && subset[i] == problem.candidateCount - k + i { i -= 1 }
            if i < 0 { return best }
            subset[i] += 1
            for t in (i + 1)..<k { subset[t] = subset[t - 1] + 1 }
        }
    }

    @Test(arguments: Array(UInt64(1)...20))
    func singleCoverageReachesNinetySevenPercentAndTheBoundHolds(seed: UInt64) throws {
        try check(seed: seed, requiredReach: 1)
    }

    @Test(arguments: Array(UInt64(101)...120))
    func doubleCoverageReachesNinetySevenPercentAndTheBoundHolds(seed: UInt64) throws {
        try check(seed: seed, requiredReach: 2)
    }

    func check(seed: UInt64, requiredReach: Int) throws {
        let problem = Self.instance(seed: seed, requiredReach: requiredReach)
        for k in 1...3 {
            let best = Self.optimum(problem, k: k)
            let bound = try CoveringBound.upperBound(problem, count: k)
            let solution = CoveringSolver.solve(problem, count: k, hint: bound.leadingCandidates(k))
            #expect(solution.chosen.count <= k)
            #expect(abs(solution.coveredAfter - problem.covered(by: solution.chosen)) < 1e-9)
            #expect(solution.coveredAfter >= 0.97 * best, "seed \(seed) K=\(k): \(solution.coveredAfter) vs optimum \(best)")
            // With one reach required, greedy and swaps alone (no start from the relaxation) are enough;
            // with two they fall short on seeds 101 and 113 (93.6 % and 93.5 % of the optimum), hence the hint.
            if requiredReach == 1 {
                let plain = CoveringSolver.solve(problem, count: k)
                #expect(plain.coveredAfter >= 0.97 * best, "seed \(seed) K=\(k), no hint: \(plain.coveredAfter) vs optimum \(best)")
            }
            #expect(bound.coveredDemand >= best - 1e-9, "seed \(seed) K=\(k): bound \(bound.coveredDemand) below optimum \(best)")
            #expect(bound.optimal)
            let added = solution.addedDemand.reduce(0, +)
            #expect(abs(solution.coveredBefore + added - solution.coveredAfter) < 1e-9)
        }
    }

    @Test func handMadeInstanceHasTheKnownOptimumAndBound() throws {
        // Three points of weight 10, 20, 30; site 0 reaches {0, 1}, site 1 reaches {1, 2}, site 2 reaches {2}.
        // K = 1: site 1 covers 50 (the optimum). LP: x1 = 1 gives 50 too, so the bound is 50.
        let problem = CoveringProblem(weights: [10, 20, 30], existingReach: [0, 0, 0],
                                      reach: [[0, 1], [1, 2], [2]], requiredReach: 1)
        let solution = CoveringSolver.solve(problem, count: 1)
        #expect(solution.chosen == [1])
        #expect(solution.coveredAfter == 50)
        let bound = try CoveringBound.upperBound(problem, count: 1)
        #expect(abs(bound.coveredDemand - 50) < 1e-9)
        // K = 2: sites 0 and 1 (or 0 and 2) cover all 60.
        #expect(CoveringSolver.solve(problem, count: 2).coveredAfter == 60)
    }

    @Test func fractionalRelaxationGivesAStrictBound() throws {
        // A triangle of three unit points; each site reaches two of them; two reaches are required.
        // K = 1: one site reaches nothing twice (0), while the LP sets every x to 1/3 and every
        // y to (1/3 + 1/3) / 2 = 1/3, for 1. K = 2: two sites reach exactly one point twice (1), and
        // the LP, x = 2/3 each, gets y = 2/3 on all three points: 2.
        let problem = CoveringProblem(weights: [1, 1, 1], existingReach: [0, 0, 0],
                                      reach: [[0, 1], [1, 2], [0, 2]], requiredReach: 2)
        #expect(CoveringSolver.solve(problem, count: 1).coveredAfter == 0)
        #expect(abs(try CoveringBound.upperBound(problem, count: 1).coveredDemand - 1) < 1e-9)
        #expect(CoveringSolver.solve(problem, count: 2).coveredAfter == 1)
        #expect(abs(try CoveringBound.upperBound(problem, count: 2).coveredDemand - 2) < 1e-9)
    }
}

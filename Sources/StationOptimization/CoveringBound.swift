import StationCore

/// An upper bound on the demand any choice of K candidates could cover: the linear-programming
/// relaxation of the covering problem, solved with GLPK and certified from its dual prices.
///
/// The relaxation, over the points the existing stations leave short of the requirement:
/// maximise Σ wᵢ yᵢ subject to needᵢ · yᵢ <= Σ_{j reaching i} xⱼ, Σ xⱼ <= K, 0 <= x, y <= 1,
/// where needᵢ is how many more reaches point i lacks. Any integer choice is feasible, so the
/// optimum bounds it. Points that the same candidates reach and that lack the same number of
/// reaches share one row (their weights add), which shrinks the program a lot.
///
/// The bound reported is not GLPK's objective but the dual (Lagrangian) value at its row prices
/// πᵢ >= 0: Σ max(0, wᵢ − needᵢ πᵢ) + the K largest column sums Σ_{i reached by j} πᵢ. Weak duality
/// makes that an upper bound for ANY non-negative prices, so round-off in the solver or a time-limit
/// stop cannot make the bound fall below the optimum; at GLPK's optimum it equals the LP value.
public enum CoveringBound {
    /// The bound and what produced it.
    public struct Bound: Sendable {
        /// Upper bound on covered demand (existing coverage included).
        public var coveredDemand: Double
        /// Rows and columns of the program GLPK solved.
        public var rows: Int
        public var columns: Int
        /// Whether GLPK finished (false: stopped by the time limit; the bound is valid but looser).
        public var optimal: Bool
        /// The relaxation's value for each candidate (0...1): a start for the local search.
        public var candidateValues: [Double]

        /// The candidates with the largest relaxed values, at most `count`, those near 0 left out.
        public func leadingCandidates(_ count: Int) -> [Int] {
            let order = candidateValues.indices.filter { candidateValues[$0] > 1e-6 }
                .sorted { candidateValues[$0] != candidateValues[$1] ? candidateValues[$0] > candidateValues[$1] : $0 < $1 }
            return Array(order.prefix(count))
        }
    }

    public static func upperBound(_ problem: CoveringProblem, count: Int, timeLimitMilliseconds: Int32 = 60_000) throws(OptimizationError) -> Bound {
        let groups = ShortPointGroups(problem)
        let before = problem.coveredBefore
        let k = min(count, problem.candidateCount)
        guard !groups.weights.isEmpty, k > 0 else {
            return Bound(coveredDemand: before, rows: 0, columns: 0, optimal: true, candidateValues: [])
        }
        // Columns: one x per candidate, then one y per group.
        let candidates = problem.candidateCount
        var objective = [Double](repeating: 0, count: candidates)
        objective.append(contentsOf: groups.weights)
        let upper = [Double](repeating: 1, count: candidates + groups.weights.count)
        var rows: [[(column: Int, value: Double)]] = []
        rows.reserveCapacity(groups.weights.count + 1)
        for g in groups.weights.indices {
            var row: [(column: Int, value: Double)] = [(candidates + g, Double(groups.need[g]))]
            for j in groups.reachedBy[g] { row.append((Int(j), -1)) }
            rows.append(row)
        }
        rows.append((0..<candidates).map { (column: $0, value: 1.0) })
        var rowUpper = [Double](repeating: 0, count: groups.weights.count)
        rowUpper.append(Double(k))
        let program = LinearProgram(objective: objective, columnUpper: upper, rows: rows, rowUpper: rowUpper)
        let result = try program.solve(timeLimitMilliseconds: timeLimitMilliseconds)
        let prices = result.rowDuals.prefix(groups.weights.count).map { max(0, $0) }
        let dual = dualValue(groups, prices: prices, candidates: candidates, count: k)
        return Bound(coveredDemand: before + dual, rows: rows.count, columns: objective.count, optimal: result.optimal,
                     candidateValues: Array(result.columnValues.prefix(candidates)))
    }

    /// The Lagrangian value at `prices`: a valid upper bound on the added demand for any prices >= 0.
    static func dualValue(_ groups: ShortPointGroups, prices: [Double], candidates: Int, count: Int) -> Double {
        var value = 0.0
        var columnSums = [Double](repeating: 0, count: candidates)
        for g in groups.weights.indices {
            value += max(0, groups.weights[g] - Double(groups.need[g]) * prices[g])
            for j in groups.reachedBy[g] { columnSums[Int(j)] += prices[g] }
        }
        columnSums.sort(by: >)
        return value + columnSums.prefix(count).reduce(0, +)
    }
}

/// The demand points still short of the required reach, grouped by (reaches lacking, candidates
/// reaching them); groups no choice could satisfy are left out (they add nothing to the bound).
struct ShortPointGroups {
    var weights: [Double] = []
    var need: [Int] = []
    var reachedBy: [[Int32]] = []

    init(_ problem: CoveringProblem) {
        var reachers = [[Int32]](repeating: [], count: problem.weights.count)
        for (j, points) in problem.reach.enumerated() {
            for i in points { reachers[Int(i)].append(Int32(j)) }
        }
        struct Key: Hashable { var need: Int; var by: [Int32] }
        var index: [Key: Int] = [:]
        for i in problem.weights.indices {
            let lacking = problem.requiredReach - problem.existingReach[i]
            guard lacking > 0, problem.weights[i] > 0, reachers[i].count >= lacking else { continue }
            let key = Key(need: lacking, by: reachers[i])
            if let g = index[key] {
                weights[g] += problem.weights[i]
            } else {
                index[key] = weights.count
                weights.append(problem.weights[i])
                need.append(lacking)
                reachedBy.append(reachers[i])
            }
        }
    }
}

/// Chooses sites for a ``CoveringProblem``: greedy with lazy gain evaluation, then one-for-one swaps.
///
/// Greedy adds, K times, the candidate that adds the most; gains only shrink as sites are added
/// (the objective is submodular), so a gain computed in an earlier round is an upper bound and only
/// the candidate on top of the queue needs recomputing (Minoux's lazy greedy). With two stations
/// required, "covered" is not submodular, so greedy ranks by a submodular stand-in that credits each
/// of the two reaches with half the point's demand; the swap phase then improves the true objective:
/// it replaces a chosen site by an unchosen one while that covers more, until no swap does. Swaps
/// start from several greedy answers (see ``solve(_:count:hint:)``) and the best result is kept.
public enum CoveringSolver {
    /// Sites in the order they were ranked, with the demand each adds in that order.
    public struct Solution: Sendable, Equatable {
        /// Candidate indices, best first (each adds the most given the ones before it).
        public var chosen: [Int]
        /// Covered demand each site adds in the order of `chosen`.
        public var addedDemand: [Double]
        public var coveredBefore: Double
        public var coveredAfter: Double
        /// Swaps the local search made.
        public var swaps: Int
    }

    /// The greedy + swap answer for `count` sites. Stops early when no candidate adds anything.
    ///
    /// The local search starts from lazy greedy; with two reaches required also from a greedy that
    /// ranks by true gain (stand-in gain breaking ties), and from `hint` when given (for example the
    /// candidates a linear relaxation favours), each completed greedily. The best end point wins.
    public static func solve(_ problem: CoveringProblem, count: Int, hint: [Int] = []) -> Solution {
        var greedyState = CoverState(problem)
        var starts = [lazyGreedy(problem, count: count, state: &greedyState)]
        if problem.requiredReach > 1 { starts.append(greedyCompletion(problem, from: [], count: count)) }
        if !hint.isEmpty { starts.append(greedyCompletion(problem, from: Array(hint.prefix(count)), count: count)) }
        var best: (chosen: [Int], covered: Double, swaps: Int)?
        for start in starts {
            var state = CoverState(problem)
            for j in start { state.add(j) }
            var chosen = start
            let swaps = improveBySwaps(problem, chosen: &chosen, state: &state)
            if best == nil || state.covered > best!.covered + max(1e-12, problem.totalDemand * 1e-12) {
                best = (chosen, state.covered, swaps)
            }
        }
        return ranked(problem, best!.chosen, swaps: best!.swaps)
    }

    /// Adds candidates to `start` one at a time, each time the one with the largest true gain (the
    /// stand-in gain breaks ties), until `count` or nothing adds anything.
    static func greedyCompletion(_ problem: CoveringProblem, from start: [Int], count: Int) -> [Int] {
        var state = CoverState(problem)
        var isChosen = [Bool](repeating: false, count: problem.candidateCount)
        for j in start { state.add(j); isChosen[j] = true }
        var chosen = start
        while chosen.count < count {
            var best = -1
            var bestKey = (0.0, 0.0)
            for j in 0..<problem.candidateCount where !isChosen[j] {
                let key = (state.trueGain(adding: j), state.surrogateGain(adding: j))
                if key > bestKey { bestKey = key; best = j }
            }
            guard best >= 0 else { break }
            state.add(best)
            isChosen[best] = true
            chosen.append(best)
        }
        return chosen
    }

    /// The chosen sites ranked: first the one that adds the most on its own, then each time the one
    /// that adds the most given those before it, with what each adds and the covered demand.
    public static func ranked(_ problem: CoveringProblem, _ chosen: [Int], swaps: Int = 0) -> Solution {
        var state = CoverState(problem)
        let before = state.covered
        var left = chosen
        var order: [Int] = []
        var added: [Double] = []
        while !left.isEmpty {
            var bestK = 0
            var bestGain = -Double.infinity
            for (k, j) in left.enumerated() {
                let g = state.trueGain(adding: j)
                if g > bestGain || (g == bestGain && j < left[bestK]) { bestGain = g; bestK = k }
            }
            let j = left.remove(at: bestK)
            state.add(j)
            order.append(j)
            added.append(bestGain)
        }
        return Solution(chosen: order, addedDemand: added, coveredBefore: before, coveredAfter: state.covered, swaps: swaps)
    }

    private static func lazyGreedy(_ problem: CoveringProblem, count: Int, state: inout CoverState) -> [Int] {
        var heap = GainHeap()
        for j in 0..<problem.candidateCount {
            heap.push(.init(gain: state.surrogateGain(adding: j), candidate: j, round: 0))
        }
        var chosen: [Int] = []
        var round = 0
        while chosen.count < count, let top = heap.pop() {
            if top.round == round {
                guard top.gain > 0 else { break }
                state.add(top.candidate)
                chosen.append(top.candidate)
                round += 1
            } else {
                heap.push(.init(gain: state.surrogateGain(adding: top.candidate), candidate: top.candidate, round: round))
            }
        }
        return chosen
    }

    /// Best-improvement swaps for each chosen site in turn until a whole pass changes nothing.
    private static func improveBySwaps(_ problem: CoveringProblem, chosen: inout [Int], state: inout CoverState) -> Int {
        guard !chosen.isEmpty else { return 0 }
        var isChosen = [Bool](repeating: false, count: problem.candidateCount)
        for j in chosen { isChosen[j] = true }
        // Relative tolerance: a swap must gain more than round-off to count (so the search ends).
        let epsilon = max(1e-12, problem.totalDemand * 1e-12)
        var swaps = 0
        var improved = true
        var passes = 0
        while improved && passes < 1_000 {
            improved = false
            passes += 1
            for k in chosen.indices {
                let out = chosen[k]
                let loss = state.trueLoss(removing: out)
                state.remove(out)
                var best = out
                var bestGain = loss + epsilon
                for j in 0..<problem.candidateCount where !isChosen[j] {
                    let g = state.trueGain(adding: j)
                    if g > bestGain { bestGain = g; best = j }
                }
                state.add(best)
                if best != out {
                    isChosen[out] = false
                    isChosen[best] = true
                    chosen[k] = best
                    swaps += 1
                    improved = true
                }
            }
        }
        return swaps
    }
}

/// Reach counts of every demand point under the current choice, with the gains the solver asks for.
struct CoverState {
    let problem: CoveringProblem
    var counts: [Int]
    private(set) var covered: Double

    init(_ problem: CoveringProblem) {
        self.problem = problem
        counts = problem.existingReach
        covered = problem.coveredBefore
    }

    /// Covered demand one more site adds.
    func trueGain(adding j: Int) -> Double {
        let m = problem.requiredReach
        var g = 0.0
        for i in problem.reach[j] where counts[Int(i)] == m - 1 { g += problem.weights[Int(i)] }
        return g
    }

    /// Covered demand lost when a chosen site goes.
    func trueLoss(removing j: Int) -> Double {
        let m = problem.requiredReach
        var g = 0.0
        for i in problem.reach[j] where counts[Int(i)] == m { g += problem.weights[Int(i)] }
        return g
    }

    /// Gain of the submodular stand-in: each reach short of the requirement earns weight / required.
    func surrogateGain(adding j: Int) -> Double {
        let m = problem.requiredReach
        let share = 1 / Double(m)
        var g = 0.0
        for i in problem.reach[j] where counts[Int(i)] < m { g += problem.weights[Int(i)] * share }
        return g
    }

    mutating func add(_ j: Int) {
        let m = problem.requiredReach
        for i in problem.reach[j] {
            let k = Int(i)
            counts[k] += 1
            if counts[k] == m { covered += problem.weights[k] }
        }
    }

    mutating func remove(_ j: Int) {
        let m = problem.requiredReach
        for i in problem.reach[j] {
            let k = Int(i)
            if counts[k] == m { covered -= problem.weights[k] }
            counts[k] -= 1
        }
    }
}

/// A max-heap of candidate gains; ties go to the lower candidate index so answers repeat exactly.
struct GainHeap {
    struct Entry {
        var gain: Double
        var candidate: Int
        /// The greedy round in which `gain` was computed.
        var round: Int

        func outranks(_ other: Entry) -> Bool {
            gain != other.gain ? gain > other.gain : candidate < other.candidate
        }
    }

    private var items: [Entry] = []

    mutating func push(_ e: Entry) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].outranks(items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < items.count && items[l].outranks(items[best]) { best = l }
                if r < items.count && items[r].outranks(items[best]) { best = r }
                if best == i { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return top
    }
}

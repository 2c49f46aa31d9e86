import CGLPK
import Foundation
import Synchronization
import Testing
@testable import StationOptimization

/// GLPK's per-thread memory: a solve leaves nothing of GLPK behind on its thread.
struct LinearProgramTests {
    /// max x + y with x <= 1, y <= 1 and x + y <= 1.5: the optimum 1.5 is plain arithmetic.
    static let program = LinearProgram(objective: [1, 1], columnUpper: [1, 1],
                                       rows: [[(column: 0, value: 1), (column: 1, value: 1)]], rowUpper: [1.5])

    /// The leak AddressSanitizer found: each thread that solved kept GLPK's environment after the
    /// thread ended. `glp_free_env` answers 1 when the calling thread has no environment.
    @Test func aSolveLeavesNoGLPKEnvironmentOnItsThread() throws {
        let outcome = Outcome()
        let thread = Thread {
            let result = try? Self.program.solve(timeLimitMilliseconds: 1_000)
            let freed = GLPK.lock.withLock { _ in glp_free_env() }
            outcome.value.withLock { $0 = (result?.objective ?? .nan, freed) }
        }
        thread.start()
        let deadline = Date().addingTimeInterval(10)
        while outcome.value.withLock({ $0 }) == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let seen = try #require(outcome.value.withLock { $0 })
        #expect(abs(seen.objective - 1.5) < 1e-9)
        #expect(seen.freeEnvAfterwards == 1, "GLPK's environment was still there after the solve")
    }

    /// What the solving thread saw: the objective, and `glp_free_env`'s answer after the solve.
    final class Outcome: Sendable {
        let value = Mutex<(objective: Double, freeEnvAfterwards: Int32)?>(nil)
    }
}

import CGLPK
import Synchronization

/// A linear program to maximise, solved with GLPK's simplex method.
///
/// Variables are bounded `0 ... upper`; rows are `Σ a x <= bound`. GLPK keeps its memory in an
/// environment of the calling thread and has not been written for concurrent use, so a solve makes,
/// solves and deletes its `glp_prob` within one hold of one lock, on one thread, and then frees that
/// thread's environment. (A `glp_prob` that outlived the call was deleted from whatever thread ran
/// its owner's deinit, into another thread's environment, and every thread that ever solved kept
/// about 16 KB that AddressSanitizer's leak check reported once the thread ended.)
struct LinearProgram {
    var objective: [Double]
    var columnUpper: [Double]
    /// Rows as sparse (column, coefficient) lists.
    var rows: [[(column: Int, value: Double)]]
    var rowUpper: [Double]

    init(objective: [Double], columnUpper: [Double], rows: [[(column: Int, value: Double)]], rowUpper: [Double]) {
        precondition(objective.count == columnUpper.count && rows.count == rowUpper.count)
        self.objective = objective
        self.columnUpper = columnUpper
        self.rows = rows
        self.rowUpper = rowUpper
    }

    /// The solver's result: the objective and every row's dual price (shadow price).
    struct Result {
        var objective: Double
        var rowDuals: [Double]
        /// Every column's value in the final basis.
        var columnValues: [Double]
        /// True when GLPK proved the basis optimal; false when it stopped early (time limit).
        var optimal: Bool
    }

    /// Solves with the dual simplex (falling back to primal), stopping after `timeLimitMilliseconds`.
    func solve(timeLimitMilliseconds: Int32) throws(OptimizationError) -> Result {
        try GLPK.lock.withLock { _ throws(OptimizationError) -> Result in
            glp_term_out(GLP_OFF)
            let problem = makeProblem()
            defer {
                glp_delete_prob(problem)
                // Nothing of GLPK's is left on this thread: release its environment.
                glp_free_env()
            }
            var parameters = glp_smcp()
            glp_init_smcp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.meth = GLP_DUALP
            parameters.tm_lim = timeLimitMilliseconds
            let code = glp_simplex(problem, &parameters)
            guard code == 0 || code == GLP_ETMLIM || code == GLP_EITLIM else {
                throw OptimizationError(reason: "GLPK's simplex failed with code \(code)")
            }
            let status = glp_get_status(problem)
            let rowCount = Int(glp_get_num_rows(problem))
            let duals = (0..<rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) }
            let columnCount = Int(glp_get_num_cols(problem))
            let values = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return Result(objective: glp_get_obj_val(problem), rowDuals: duals, columnValues: values, optimal: status == GLP_OPT)
        }
    }

    /// The `glp_prob` of this program; only to be called holding ``GLPK/lock``.
    private func makeProblem() -> OpaquePointer {
        let p = glp_create_prob()!
        glp_set_obj_dir(p, GLP_MAX)
        if !objective.isEmpty { glp_add_cols(p, Int32(objective.count)) }
        for (k, c) in objective.enumerated() {
            glp_set_obj_coef(p, Int32(k + 1), c)
            glp_set_col_bnds(p, Int32(k + 1), GLP_DB, 0, columnUpper[k])
        }
        if !rows.isEmpty { glp_add_rows(p, Int32(rows.count)) }
        // GLPK's arrays are 1-based: element 0 is unused.
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (r, row) in rows.enumerated() {
            glp_set_row_bnds(p, Int32(r + 1), GLP_UP, 0, rowUpper[r])
            for entry in row {
                ia.append(Int32(r + 1))
                ja.append(Int32(entry.column + 1))
                ar.append(entry.value)
            }
        }
        glp_load_matrix(p, Int32(ia.count - 1), ia, ja, ar)
        return p
    }
}

/// The lock every GLPK call holds.
enum GLPK {
    static let lock = Mutex<Void>(())
}

/// A failure of the optimisation library.
public struct OptimizationError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

import CGLPK
import Synchronization

/// A linear program to maximise, solved with GLPK's simplex method. Owns its `glp_prob`.
///
/// Variables are bounded `0 ... upper`; rows are `Σ a x <= bound`. GLPK keeps some state per
/// thread and has not been written for concurrent use, so every call into it holds one lock.
final class LinearProgram {
    private let problem: OpaquePointer

    /// Rows as sparse (column, coefficient) lists, and each row's upper bound.
    init(objective: [Double], columnUpper: [Double], rows: [[(column: Int, value: Double)]], rowUpper: [Double]) {
        precondition(objective.count == columnUpper.count && rows.count == rowUpper.count)
        problem = GLPK.lock.withLock { _ in
            glp_term_out(GLP_OFF)
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

    deinit {
        GLPK.lock.withLock { _ in glp_delete_prob(problem) }
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
            let rows = Int(glp_get_num_rows(problem))
            let duals = (0..<rows).map { glp_get_row_dual(problem, Int32($0 + 1)) }
            let columns = Int(glp_get_num_cols(problem))
            let values = (0..<columns).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return Result(objective: glp_get_obj_val(problem), rowDuals: duals, columnValues: values, optimal: status == GLP_OPT)
        }
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

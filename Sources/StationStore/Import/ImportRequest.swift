import StationCore

/// How a ledger import is to be written, and the safety checks it must pass first.
///
/// The checks guard against the two mistakes a clerk cannot undo by looking: a `replace` with the
/// wrong file (deleting most of the ledger), and a file saved from a Chinese map app in GCJ-02 or
/// BD-09 imported as WGS-84 (every station silently moved 100-700 m). Either one stops the import
/// with a sentence saying what would happen, unless `confirmed`.
public struct ImportRequest: Sendable {
    /// True to make the files the whole ledger (stations not in them are deleted).
    public var replace: Bool
    /// The system the files' coordinates are in; stored coordinates are WGS-84.
    public var crs: CoordinateSystem
    /// Who is importing, recorded in the history.
    public var actor: String
    /// What was imported (file names, or "request body"), recorded in the history.
    public var source: String
    /// The caller has seen the warnings and wants the import anyway (`--yes`, `confirm=true`).
    public var confirmed: Bool

    /// A replace deleting more than this share of the ledger needs confirming.
    public static let deletionShareNeedingConfirmation = 0.10

    public init(replace: Bool, crs: CoordinateSystem, actor: String, source: String, confirmed: Bool = false) {
        self.replace = replace
        self.crs = crs
        self.actor = actor
        self.source = source
        self.confirmed = confirmed
    }
}

/// An import stopped before writing because it needs the caller's confirmation.
public enum ImportRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// A replace that would delete `deleted` of the `stored` stations.
    case wouldDeleteMany(deleted: Int, stored: Int)
    /// Most moved stations move by exactly the offset of another coordinate system.
    case looksLikeOtherSystem(CoordinateSystem, moved: Int, matching: Int)

    public var description: String {
        switch self {
        case .wouldDeleteMany(let deleted, let stored):
            let pct = stored > 0 ? Int((Double(deleted) / Double(stored) * 100).rounded()) : 100
            return "this replace would delete \(deleted) of the \(stored) stations in the ledger (\(pct) %); "
                + "check the file, then confirm (CLI: --yes; API: confirm=true)"
        case .looksLikeOtherSystem(let system, let moved, let matching):
            return "\(matching) of the \(moved) stations this import moves would move by exactly the "
                + "\(system.rawValue.uppercased()) offset: the file looks like \(system.rawValue) coordinates read as wgs84; "
                + "import it with crs \(system.rawValue) (CLI: --crs \(system.rawValue); API: crs=\(system.rawValue)), "
                + "or confirm that the coordinates really are WGS-84 (CLI: --yes; API: confirm=true)"
        }
    }
}

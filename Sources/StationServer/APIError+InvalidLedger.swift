import StationStore

extension APIError {
    /// A 422 listing each problem of a refused ledger (file, line or feature, column, reason).
    static func invalidLedger(_ error: LedgerImportError) -> APIError {
        let first = error.issues.first?.description ?? "the ledger is invalid"
        let more = error.totalCount > 1 ? " (and \(error.totalCount - 1) more, each in details)" : ""
        var e = APIError(.unprocessableContent, code: "invalid_ledger",
                         message: "\(first)\(more); the ledger was refused as a whole", field: "body")
        e.details = error.issues.map(\.description)
        return e
    }
}

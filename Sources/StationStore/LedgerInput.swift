/// One ledger file's bytes as an import reads them: its name (for error reports and the
/// history), its content, and its format when known (nil: guessed from the name and content).
public typealias LedgerInput = (name: String, bytes: [UInt8], format: LedgerFormat?)

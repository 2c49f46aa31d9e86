import CGEOS

/// An error raised by GEOS or by the wrapper around it, carrying GEOS's own message when it gave one.
public struct GEOSError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What the wrapper was doing (e.g. "reading WKT", "union").
    public var operation: String
    /// GEOS's last error message, or the wrapper's explanation when GEOS said nothing.
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "GEOS \(operation) failed: \(message)" }
}

/// Collects the messages GEOS hands to its C callbacks; reached through the callbacks' userdata.
final class GEOSMessageBox {
    var lastError: String?
    var lastNotice: String?
}

/// One reentrant GEOS context (`GEOS_init_r` ... `GEOS_finish_r`) and the messages it reported.
///
/// Confinement: a context and every ``Geometry`` made in it belong to one thread or task at a
/// time (GEOS contexts are not thread-safe). The type is deliberately not `Sendable`; public
/// analysis APIs create their own context per call or per task and exchange only Sendable values.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let messages: GEOSMessageBox

    /// Opens a fresh context with error and notice handlers that remember the last message.
    public init() {
        // GEOS_init_r only fails when out of memory; there is nothing sensible to do then.
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        self.handle = handle
        self.messages = GEOSMessageBox()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let userData else { return }
            let box = Unmanaged<GEOSMessageBox>.fromOpaque(userData).takeUnretainedValue()
            box.lastError = message.map { String(cString: $0) } ?? "unknown GEOS error"
        }, box)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userData in
            guard let userData else { return }
            let box = Unmanaged<GEOSMessageBox>.fromOpaque(userData).takeUnretainedValue()
            box.lastNotice = message.map { String(cString: $0) }
        }, box)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The last notice GEOS reported (e.g. why a geometry is invalid), if any.
    public var lastNotice: String? { messages.lastNotice }

    /// Forgets earlier messages so the next error carries only its own.
    func clearMessages() {
        messages.lastError = nil
        messages.lastNotice = nil
    }

    /// The error for a failed call: GEOS's message when it sent one, else `fallback`.
    func error(_ operation: String, fallback: String = "GEOS reported an exception") -> GEOSError {
        let message = messages.lastError ?? fallback
        messages.lastError = nil
        return GEOSError(operation: operation, message: message)
    }

    /// Runs a GEOS call that returns a new geometry (NULL on error) and wraps it.
    func make(_ operation: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws(GEOSError) -> Geometry {
        messages.lastError = nil
        guard let pointer = call(handle) else { throw error(operation) }
        return Geometry(owning: pointer, context: self)
    }

    /// Runs a GEOS predicate (0 false, 1 true, 2 exception).
    func predicate(_ operation: String, _ call: (GEOSContextHandle_t) -> CChar) throws(GEOSError) -> Bool {
        messages.lastError = nil
        switch call(handle) {
        case 0: return false
        case 1: return true
        default: throw error(operation)
        }
    }

    /// Runs a GEOS call returning an int status (0 on exception).
    func check(_ operation: String, _ call: (GEOSContextHandle_t) -> Int32) throws(GEOSError) {
        messages.lastError = nil
        if call(handle) == 0 { throw error(operation) }
    }
}

import Foundation
import Logging

/// Writes log lines to standard error: `2026-11-21T20:00:00Z info stationfinder: message key=value ...`.
///
/// Why not swift-log's `StreamLogHandler`: it renders its metadata to text every time metadata is
/// set, and Hummingbird sets a request id on every request's logger. Under load that rendering was
/// about 4% of the server's CPU time, for lines that were never written. This handler renders
/// metadata only when a line is actually logged.
public struct LogLineHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    /// Where finished lines go (standard error unless a test says otherwise).
    let write: @Sendable (String) -> Void

    public init(label: String) {
        self.init(label: label) { line in
            // One write per line, so lines from concurrent requests never interleave mid-line.
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "\(Date().ISO8601Format()) \(event.level) \(label): \(event.message)"
        for key in merged.keys.sorted() {
            line += " \(key)=\(merged[key]!)"
        }
        if let error = event.error { line += " error=\(String(reflecting: error))" }
        line += "\n"
        write(line)
    }
}

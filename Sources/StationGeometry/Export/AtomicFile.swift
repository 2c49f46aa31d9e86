import Foundation

/// Why an export file could not be written.
public struct ExportError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file so readers never see it half-written: a temporary file in the same directory,
/// then rename(2) over the target (atomic within one file system).
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws(ExportError) {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError(path: url.path, reason: "directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw ExportError(path: url.path, reason: "cannot create a file in \(directory.path) (permission denied or read-only)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ExportError(path: url.path, reason: reason)
        }
    }
}

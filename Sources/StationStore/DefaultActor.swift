import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name recorded in history when the caller does not give one: the operating-system user.
public enum DefaultActor {
    /// `$USER`, else the password-database name of the current uid, else `uid <n>`.
    public static var name: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let pw = getpwuid(getuid()), let cName = pw.pointee.pw_name {
            let n = String(cString: cName)
            if !n.isEmpty { return n }
        }
        return "uid \(getuid())"
    }
}

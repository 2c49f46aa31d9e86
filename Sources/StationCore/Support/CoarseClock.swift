#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock to the nearest few milliseconds, for decisions that only need the minute.
///
/// Why not `Date()`: a nearest query asks the time once, to know whether it is about the present
/// (``VerdictMemo``). On this machine a precise read (`CLOCK_REALTIME`) takes 35 ns, about 1 % of a
/// 10k-station query; Linux's coarse clock, which returns the kernel's last tick, takes 10 ns.
enum CoarseClock {
    /// Seconds since the Unix epoch, rounded down.
    static func nowEpochSeconds() -> Int64 {
        var ts = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        #else
        clock_gettime(CLOCK_REALTIME, &ts)
        #endif
        return Int64(ts.tv_sec)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback port, for sending a request as slowly and as incompletely as
/// a bad client would.
final class RawConnection: Sendable {
    let socket: Int32

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw Failure(description: "connect: errno \(errno)") }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let sent = text.utf8CString.withUnsafeBufferPointer { Glibc.send(socket, $0.baseAddress, $0.count - 1, 0) }
        guard sent == text.utf8.count else { throw Failure(description: "send: errno \(errno)") }
    }

    /// Reads until the server closes the connection; the seconds that took. Throws when it is still
    /// open after `seconds`.
    func secondsUntilClosed(waitingAtMost seconds: Double) throws -> Double {
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < seconds {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { throw Failure(description: "poll: errno \(errno)") }
            if poller.revents != 0 {
                let read = recv(socket, &buffer, buffer.count, 0)
                if read <= 0 { return Date().timeIntervalSince(start) }
            }
        }
        throw Failure(description: "the connection is still open after \(seconds) s")
    }

    /// Everything the server sends until it closes the connection, read after waiting `delay`
    /// seconds (a client slower than the server). Throws when it is still open after `seconds`.
    func readToEnd(after delay: Double, waitingAtMost seconds: Double) throws -> [UInt8] {
        Thread.sleep(forTimeInterval: delay)
        let start = Date()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date().timeIntervalSince(start) < seconds {
            let read = recv(socket, &buffer, buffer.count, 0)
            if read <= 0 { return received }
            received.append(contentsOf: buffer[0..<read])
        }
        throw Failure(description: "the connection is still open after \(seconds) s")
    }
}

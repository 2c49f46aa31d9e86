import Foundation
import Hummingbird
import NIOCore

extension Response {
    /// A 200 response with a text body.
    static func text(_ body: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A JSON response from raw bytes (already encoded).
    static func json(_ bytes: [UInt8], contentType: String = "application/json; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(bytes: bytes), contentType: contentType, status: status)
    }

    /// A JSON response from a buffer holding encoded JSON.
    static func json(_ buffer: ByteBuffer, contentType: String = "application/json; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// A JSON response from raw bytes (already encoded).
    static func json(_ data: Data, contentType: String = "application/json; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(bytes: data), contentType: contentType, status: status)
    }
}

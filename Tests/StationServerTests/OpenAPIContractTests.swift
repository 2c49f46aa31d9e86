import Foundation
import StationServer
import Testing
import Yams

/// `openapi.yaml` describes exactly the routes the server registers, with exactly the query
/// parameters each reads, and passes an independent OpenAPI 3.1 validator.
struct OpenAPIContractTests {
    static func document() throws -> [String: Any] {
        try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
    }

    /// The query parameter names of one operation, `$ref`s resolved.
    static func queryParameters(_ operation: [String: Any], document: [String: Any]) throws -> Set<String> {
        let components = (document["components"] as? [String: Any])?["parameters"] as? [String: Any] ?? [:]
        var names = Set<String>()
        for item in operation["parameters"] as? [[String: Any]] ?? [] {
            var parameter = item
            if let ref = item["$ref"] as? String {
                let name = try #require(ref.split(separator: "/").last.map(String.init))
                parameter = try #require(components[name] as? [String: Any], "unresolved \(ref)")
            }
            if parameter["in"] as? String == "query", let name = parameter["name"] as? String { names.insert(name) }
        }
        return names
    }

    @Test func everyRouteAndParameterIsDocumentedAndNothingElse() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: [String: Set<String>] = [:]
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let operation = operation as? [String: Any] else { continue }
                documented["\(method.uppercased()) \(path)"] = try Self.queryParameters(operation, document: document)
            }
        }
        let routes = Dictionary(uniqueKeysWithValues: APIRoute.all.map { ("\($0.method.rawValue) \($0.path)", $0.parameters) })
        #expect(Set(documented.keys) == Set(routes.keys))
        for (key, parameters) in routes {
            #expect(documented[key] == parameters, "\(key)")
        }
    }

    @Test func everyOperationDocumentsTheErrorsEveryRouteCanSend() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: Any])
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any])
                // Any route: an unknown parameter (400), a bad key (401), a fault (500), a key that
                // cannot be checked while the ledger's database is down (503).
                for status in ["400", "401", "500", "503"] {
                    #expect(responses[status] != nil, "\(method) \(path) lacks \(status)")
                }
            }
        }
    }

    /// openapi-spec-validator (PyPI), run as a separate program; `.ci/run` and `make test` install it.
    @Test func theDocumentPassesOpenAPISpecValidator() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).yaml")
        try OpenAPIDocument.yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.contains("No module named openapi_spec_validator") {
            // Only a developer's machine may lack it; CI must not pass without running it.
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "openapi-spec-validator is not installed")
            return
        }
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("OK"), "\(text)")
    }
}

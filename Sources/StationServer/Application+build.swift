import Hummingbird
import Logging
import ServiceLifecycle
import StationCore
import StationGeometry
import StationStore

/// Builds the whole application: the same one `stationfinder serve` runs and the tests call.
public func buildApplication(_ arguments: some AppArguments) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stationfinder")
    logger.logLevel = arguments.logLevel
    let database = try arguments.databasePath.map { try StationDatabase(path: $0) } ?? StationDatabase.inMemory()
    let demand = try arguments.demandPath.map { try DemandLayer.load(path: $0) }
    var services = try AppServices(database: database, demand: demand)
    services.map = arguments.map
    services.limits = arguments.limits
    logger.info("ledger loaded", metadata: [
        "stations_indexed": "\(services.ledger.snapshot.catalog.indexedCount)",
        "districts": "\(services.ledger.districtMap.districts.count)",
    ])
    let router = buildRouter(services, accessLog: arguments.accessLog)
    // An in-memory ledger has no other writers to watch for.
    let watchers: [any Service] = arguments.databasePath == nil ? [] : [
        LedgerWatcher(ledger: services.ledger, interval: arguments.ledgerCheckInterval, logger: logger),
    ]
    return Application(
        router: router,
        // Hummingbird's idle timeout also bounds a slow request head (see ServiceLimits).
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(arguments.limits.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(arguments.hostname, port: arguments.port), serverName: "stationfinder"),
        services: watchers,
        logger: logger
    )
}

/// Everything the routes share: the ledger (store + live snapshot), the metrics and the field reports.
public struct AppServices: Sendable {
    public let ledger: LedgerService
    public let metrics: RouteMetrics
    /// Where the map page finds Leaflet, and its basemap.
    public var map = MapSettings()
    public let reports: FieldReportService
    /// Request sizes, heavy-route admission and rate limits.
    public var limits = ServiceLimits()

    /// `clock`: the present time for reports and rate limits (a fixed one in tests).
    public init(database: StationDatabase, demand: DemandLayer? = nil, clock: ServiceClock = .system) throws {
        ledger = try LedgerService(database: database, demand: demand)
        metrics = RouteMetrics()
        reports = try FieldReportService(database: database, clock: clock)
    }
}

/// The router with every route and middleware; see `openapi.yaml` for the contract.
public func buildRouter(_ services: AppServices, accessLog: Bool = false) -> Router<StationRequestContext> {
    let router = Router(context: StationRequestContext.self)
    router.add(middleware: RequestRecordMiddleware(metrics: services.metrics, accessLog: accessLog))
    router.add(middleware: ErrorShapeMiddleware())
    router.add(middleware: RequestSizeMiddleware(maxURLBytes: services.limits.maxURLBytes,
                                                 maxQueryParameters: services.limits.maxQueryParameters))
    router.add(middleware: StrictQueryMiddleware())
    router.add(middleware: APIKeyMiddleware(database: services.ledger.database))
    router.add(middleware: LoadLimitMiddleware(services.limits))
    router.add(middleware: BodyDeadlineMiddleware(seconds: services.limits.bodyTimeoutSeconds))
    router.add(middleware: CompressionMiddleware())
    SystemController(ledger: services.ledger, metrics: services.metrics).addRoutes(to: router)
    AlongController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    ReportsController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    StationsController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    CoverageController(ledger: services.ledger).addRoutes(to: router)
    HoursController().addRoutes(to: router)
    RecommendController(ledger: services.ledger, coverage: CoverageController(ledger: services.ledger)).addRoutes(to: router)
    MapController(settings: services.map).addRoutes(to: router)
    return router
}

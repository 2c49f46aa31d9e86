import Hummingbird
import Logging
import ServiceLifecycle
import StationApp
import StationCore
import StationGeometry
import StationStore

/// Builds the whole application: the same one `stationfinder serve` runs and the tests call.
public func buildApplication(_ arguments: some AppArguments) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stationfinder")
    logger.logLevel = arguments.logLevel
    let store: any LedgerStore = if let path = arguments.databasePath {
        try await LedgerAddress(path).open(.readWrite)
    } else {
        try StationDatabase.inMemory()
    }
    let demand = try arguments.demandPath.map { try DemandLayer.load(path: $0) }
    var services = try await AppServices(store: store, demand: demand)
    services.map = arguments.map
    services.limits = arguments.limits
    logger.info("ledger loaded", metadata: [
        "stations_indexed": "\(services.ledger.snapshot.catalog.indexedCount)",
        "districts": "\(services.ledger.geography.districtMap.districts.count)",
    ])
    let router = buildRouter(services, accessLog: arguments.accessLog)
    // An in-memory ledger has no other writers to watch for; PostgreSQL announces its changes
    // (LISTEN/NOTIFY); a SQLite file is polled.
    let watchers: [any Service] = if arguments.databasePath == nil {
        []
    } else if let feed = store as? any LedgerChangeFeed {
        [LedgerFeedFollower(ledger: services.ledger, feed: feed, reports: services.reports, logger: logger)]
    } else {
        [LedgerWatcher(ledger: services.ledger, interval: arguments.ledgerCheckInterval, logger: logger)]
    }
    return Application(
        router: router,
        server: .stationFinder(arguments.limits),
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
    /// API keys, checked against the ledger (and remembered for its outages).
    public let keys: KeyVerifier
    /// Request sizes, heavy-route admission and rate limits.
    public var limits = ServiceLimits()

    /// `clock`: the present time for reports and rate limits (a fixed one in tests).
    public init(store: any LedgerStore, demand: DemandLayer? = nil, clock: ServiceClock = .system) async throws {
        ledger = try await LedgerService(store: store, demand: demand)
        metrics = RouteMetrics()
        reports = try await FieldReportService(store: store, clock: clock)
        keys = KeyVerifier(store: store)
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
    router.add(middleware: APIKeyMiddleware(keys: services.keys))
    router.add(middleware: ForwardedClientMiddleware(trustedProxies: services.limits.trustedProxies))
    router.add(middleware: LoadLimitMiddleware(services.limits))
    router.add(middleware: BodyDeadlineMiddleware(seconds: services.limits.bodyTimeoutSeconds))
    router.add(middleware: CompressionMiddleware())
    SystemController(ledger: services.ledger, metrics: services.metrics).addRoutes(to: router)
    AlongController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    ReportsController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    NearestController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    StationsController(ledger: services.ledger, reports: services.reports).addRoutes(to: router)
    StationWritesController(ledger: services.ledger).addRoutes(to: router)
    CoverageController(ledger: services.ledger).addRoutes(to: router)
    HoursController().addRoutes(to: router)
    RecommendController(ledger: services.ledger, boundSeconds: services.limits.recommendBoundSeconds).addRoutes(to: router)
    MapController(settings: services.map).addRoutes(to: router)
    return router
}

import CGDAL

/// GDAL set-up and error capture shared by the wrapper's types.
enum GDAL {
    /// Registers GDAL's drivers, once per process.
    static let registered: Void = { GDALAllRegister() }()

    /// Runs `body` with GDAL's messages kept off standard error; returns its result and GDAL's last
    /// message (empty when none). GDAL's error state is per thread, so this is safe across tasks.
    static func quietly<T>(_ body: () -> T) -> (T, String) {
        _ = registered
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        let value = body()
        let message = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        return (value, message)
    }
}

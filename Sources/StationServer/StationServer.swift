/// The HTTP API over the ledger, nearest, coverage and hours.
public enum StationServerModule {}

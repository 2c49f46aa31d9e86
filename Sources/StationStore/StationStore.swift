/// The SQLite ledger: schema, import, history and API keys.
public enum StationStoreModule {}

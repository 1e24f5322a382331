package tandem.db;

/** The SQL engines Tandem runs on; the few statements that differ ask this. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    /** Row-locking suffix for job claiming: several PostgreSQL nodes may poll one table. */
    public String skipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }
}

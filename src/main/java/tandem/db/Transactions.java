package tandem.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The transaction runner services take instead of Jdbi: they decide where a transaction begins and ends,
 * and pass its {@link Handle} to the stores (and to the job queue) whose statements belong in it.
 */
public final class Transactions {
    private final Jdbi jdbi;
    /**
     * The transaction each thread runs in through this runner. On SQLite a second transaction opened
     * inside one (another connection) waits for the write lock the first one holds: it must join it.
     */
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs `work` in one transaction and returns its result; an exception rolls it back and is rethrown. */
    public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(h -> {
            Handle outer = current.get();
            current.set(h);
            try {
                return work.withHandle(h);
            } finally {
                if (outer == null) current.remove(); else current.set(outer);
            }
        });
    }

    /** Runs `work` in one transaction; an exception rolls it back and is rethrown. */
    public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
        inTransaction(h -> {
            work.useHandle(h);
            return null;
        });
    }

    /**
     * Runs `work` in the transaction this thread already runs in through this runner, else in one of
     * its own: for code that may be called from inside a transaction or outside (creating our actors
     * on first use).
     */
    public <T, X extends Exception> T inCurrentOrNew(HandleCallback<T, X> work) throws X {
        Handle h = current.get();
        return h != null ? work.withHandle(h) : inTransaction(work);
    }
}

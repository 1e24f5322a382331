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

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs `work` in one transaction and returns its result; an exception rolls it back and is rethrown. */
    public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    /** Runs `work` in one transaction; an exception rolls it back and is rethrown. */
    public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
        jdbi.useTransaction(work);
    }
}

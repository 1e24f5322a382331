package tandem.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;

/**
 * Tells a client that hung up from a fault of ours. Clients hang up all the time (a player seeking,
 * a phone losing signal, an upload cancelled), and Helidon says so with its own types: a socket that
 * fails on write or read (ServerConnectionException, a CloseConnectionException, wrapping the broken
 * pipe or connection reset) or a request body that ends before its length (InsufficientDataAvailable).
 * Only Helidon's server connection raises these, so finding one anywhere in the causes cannot mistake
 * a failed outbound call (federation uses the JDK client) for the visitor leaving.
 */
final class ClientDisconnects {
    /** Causes followed at most: a cycle or an absurd chain ends the search, answering "not a disconnect". */
    private static final int MAX_DEPTH = 16;

    private ClientDisconnects() {}

    static boolean isDisconnect(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
            if (c instanceof CloseConnectionException || c instanceof DataReader.InsufficientDataAvailableException) return true;
        }
        return false;
    }

    /** The innermost cause's type and message on one line, e.g. "IOException: Broken pipe". */
    static String reason(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c.getCause() != null && c.getCause() != c && depth < MAX_DEPTH; depth++) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage().replace('\n', ' '));
    }
}

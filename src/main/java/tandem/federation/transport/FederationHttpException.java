package tandem.federation.transport;

/**
 * An outbound federation request failed: a non-2xx status ({@link #status()} &gt; 0), an I/O error or
 * timeout (status 0), or a response we refuse (too large, not JSON, wrong id). {@link #retryable()}
 * tells delivery whether trying again later can help.
 */
public final class FederationHttpException extends RuntimeException {
    private final int status;
    private final boolean retryable;

    public FederationHttpException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    /** A response we refuse to use; retrying gets the same answer. */
    public static FederationHttpException refused(String message) {
        return new FederationHttpException(message, 0, false, null);
    }

    /** A non-2xx answer: timeouts (408), rate limits (429) and server errors (5xx) may pass later, other 4xx will not. */
    public static FederationHttpException status(int status, String method, Object url) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new FederationHttpException(method + " " + url + " answered HTTP " + status, status, retryable, null);
    }

    /** As {@link #status}, quoting the start of the answer (a problem's `detail` says why an inbox refused). */
    public static FederationHttpException status(int status, String method, Object url, String answer) {
        FederationHttpException e = status(status, method, url);
        if (answer == null || answer.isBlank()) return e;
        String quoted = answer.length() > 300 ? answer.substring(0, 300) + "…" : answer;
        return new FederationHttpException(e.getMessage() + ": " + quoted.strip(), status, e.retryable(), null);
    }

    /** The network failed (refused, reset, timed out): the remote may be back later. */
    public static FederationHttpException io(String message, Throwable cause) {
        return new FederationHttpException(message, 0, true, cause);
    }

    /** The HTTP status, or 0 when no usable status was received. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}

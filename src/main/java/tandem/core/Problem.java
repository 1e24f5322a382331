package tandem.core;

import java.util.Map;

/**
 * A failure a client can understand: an HTTP-like status, a PeerTube error code, a safe message,
 * and optionally which parameters were invalid. Only the HTTP edge turns it into problem+json.
 */
public final class Problem extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> invalidParams;
    private final long retryAfterSeconds;

    public Problem(int status, String code, String detail, Map<String, String> invalidParams) {
        this(status, code, detail, invalidParams, 0);
    }

    private Problem(int status, String code, String detail, Map<String, String> invalidParams, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.invalidParams = invalidParams == null ? Map.of() : Map.copyOf(invalidParams);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    public int status() { return status; }
    public String code() { return code; }
    public String detail() { return getMessage(); }
    public Map<String, String> invalidParams() { return invalidParams; }
    /** When the client may try again (a `Retry-After` header); 0 when the problem does not say. */
    public long retryAfterSeconds() { return retryAfterSeconds; }

    public static Problem badRequest(String detail) { return new Problem(400, null, detail); }
    public static Problem notFound(String detail) { return new Problem(404, null, detail); }
    public static Problem forbidden(String detail) { return new Problem(403, null, detail); }
    public static Problem unauthorized(String detail) { return new Problem(401, "invalid_token", detail); }
    public static Problem conflict(String detail) { return new Problem(409, null, detail); }

    /** A 429 (PeerTube's `too_many_requests`) that tells the client how long to wait. */
    public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
        return new Problem(429, "too_many_requests", detail, null, Math.max(1, retryAfterSeconds));
    }

    /** A 400 listing each bad field, shaped like PeerTube's validator errors. */
    public static Problem invalidParams(Map<String, String> errors) {
        return new Problem(400, null, "Incorrect request parameters: " + String.join(", ", errors.keySet()), errors);
    }

    public static Problem invalidParam(String field, String message) {
        return invalidParams(Map.of(field, message));
    }
}

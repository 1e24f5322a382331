package tandem.federation.transport;

/** An outbound federation request was refused because its URL points somewhere we must not reach (SSRF guard). */
public final class ForbiddenAddressException extends RuntimeException {
    public ForbiddenAddressException(String message) {
        super(message);
    }

    public ForbiddenAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}

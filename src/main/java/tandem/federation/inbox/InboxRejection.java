package tandem.federation.inbox;

/** Why an inbox POST was refused, with the HTTP status it maps to (400, 403, 409, 413). */
public final class InboxRejection extends RuntimeException {
    private final int status;

    public InboxRejection(int status, String message) {
        super(message.length() > 500 ? message.substring(0, 500) + "…" : message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package tandem.federation;

/** An activity or object we refuse, with a message safe to show the sender or the admin. */
public final class FederationException extends RuntimeException {
    public FederationException(String message) {
        super(message);
    }
}

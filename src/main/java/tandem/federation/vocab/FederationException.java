package tandem.federation.vocab;

/** An activity or object we refuse, with a message safe to show the sender or the admin. */
public final class FederationException extends RuntimeException {
    /** Senders control much of the message (URLs they chose): it is cut to a readable length. */
    public FederationException(String message) {
        super(message.length() > 500 ? message.substring(0, 500) + "…" : message);
    }
}

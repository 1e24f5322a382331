package tandem.federation.signature;

/** An inbound HTTP signature was rejected; the message is safe to show to the remote server. */
public final class SignatureException extends RuntimeException {
    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}

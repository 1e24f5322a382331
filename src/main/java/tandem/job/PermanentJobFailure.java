package tandem.job;

/** Thrown by a handler when retrying cannot help (a broken input file): the job dies at once. */
public final class PermanentJobFailure extends Exception {
    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentJobFailure(String message) {
        super(message);
    }
}

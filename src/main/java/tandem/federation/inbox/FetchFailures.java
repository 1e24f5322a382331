package tandem.federation.inbox;

/**
 * Told when a remote video's origin did not answer a fetch (a refresh): the mirror package then
 * asks that origin at once whether it is down, so its mirrored videos move to their mirrors
 * without waiting for a viewer. Implemented by the mirror package, wired by `app`.
 */
@FunctionalInterface
public interface FetchFailures {
    /** A fetch of {@code url} failed without an answer from its host (network error, timeout, 5xx). */
    void originFailed(String url);
}

package tandem.video.moderation;

import org.jdbi.v3.core.Handle;

/**
 * What federation must hear about reports, told inside the transaction that saved one: a report about
 * another instance's video, comment or account goes to that instance as a Flag. `app` wires it.
 */
public interface AbuseEvents {
    /** A local user reported something whose origin is another instance. */
    void reportedRemote(Handle h, long abuseId);

    /** Listens to nothing: tests and tools that run without federation. */
    AbuseEvents NONE = (h, abuseId) -> { };
}

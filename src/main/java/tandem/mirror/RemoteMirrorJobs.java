package tandem.mirror;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The durable jobs that check other instances' mirrors, declared once with their retry policy. */
public final class RemoteMirrorJobs {
    /** Checks one mirror's random segment; retried while the hashes it needs have not arrived yet. */
    public static final JobType<Check> CHECK = JobType.of("remote-mirror-check", Check.class, 5, Duration.ofSeconds(10), 2);
    /** Plans the periodic re-checks and purges expired mirrors. */
    public static final JobType<NoPayload> RECHECK = JobType.of("remote-mirror-recheck", NoPayload.class, 3, Duration.ofMinutes(1), 1).withPriority(200);
    /** Probes the origins that are down, so that playback returns to them by itself. */
    public static final JobType<NoPayload> ORIGIN_PROBE = JobType.of("origin-probe", NoPayload.class, 1, Duration.ofSeconds(30), 1).withPriority(200);

    /** The payload of {@link #CHECK}: a `remote_mirrors` row id. */
    public record Check(long remoteMirrorId) {}

    private RemoteMirrorJobs() {}
}

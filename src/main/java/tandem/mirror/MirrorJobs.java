package tandem.mirror;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The job types of mirrors, declared once with their retry policy and concurrency. */
public final class MirrorJobs {
    private MirrorJobs() {}

    /**
     * Copies a remote video's HLS files and verifies them. Retried with backoff while the origin is
     * unreachable (an hour and more in all); files already copied are kept between attempts.
     */
    public static final JobType<MirrorJob> COPY = JobType.of("mirror-copy", MirrorJob.class, 8, Duration.ofSeconds(30), 2).withPriority(150);
    /** Runs the strategies: extends or removes expired mirrors, then picks new videos (recurring, `mirror_check_interval_seconds`). */
    public static final JobType<NoPayload> CHECK = JobType.of("mirror-strategies", NoPayload.class, 3, Duration.ofMinutes(1), 1).withPriority(160);
}

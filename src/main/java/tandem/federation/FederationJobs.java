package tandem.federation;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The federation jobs that belong to no one side: the clean-up of stored activities. */
public final class FederationJobs {
    /** Deletes activities old enough to be of no more use ({@link ActivityPurge}). */
    public static final JobType<NoPayload> PURGE = JobType.of("activitypub-purge", NoPayload.class, 3, Duration.ofMinutes(5), 1).withPriority(200);

    private FederationJobs() {}
}

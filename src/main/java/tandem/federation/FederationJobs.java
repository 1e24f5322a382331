package tandem.federation;

import tandem.core.Config;
import tandem.job.JobType;

import java.time.Duration;

/** The durable jobs of federation, declared once with their retry policy. */
public final class FederationJobs {
    /** Processes one persisted inbound activity. Retried a few times: fetching its object may fail for a while. */
    public static final JobType INBOX = JobType.of("activitypub-inbox", 5, Duration.ofSeconds(30), 4).withPriority(40);
    /** Turns a local event (video published, comment…) into activities and their deliveries. */
    public static final JobType PUBLISH = JobType.of("activitypub-publish", 5, Duration.ofSeconds(10), 2).withPriority(30);
    /** Imports a followed actor's existing videos from its outbox. */
    public static final JobType CRAWL = JobType.of("activitypub-crawl", 3, Duration.ofMinutes(1), 1);
    /** Fetches a remote object (a video named by an Announce, a thumbnail) in the background. */
    public static final JobType FETCH = JobType.of("activitypub-fetch", 5, Duration.ofSeconds(30), 4);

    /** Deletes activities old enough to be of no more use ({@link ActivityPurge}). */
    public static final JobType PURGE = JobType.of("activitypub-purge", 3, Duration.ofMinutes(5), 1).withPriority(200);

    private FederationJobs() {}

    /** One signed POST of one activity to one inbox; backs off for hours, then waits in the failed list. */
    public static JobType delivery(Config.Federation f) {
        return new JobType("activitypub-http-unicast", f.deliveryAttempts(), f.firstRetry(), Duration.ofHours(2), f.deliveryConcurrency(), 20);
    }
}

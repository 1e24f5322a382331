package tandem.federation.outbox;

import tandem.core.Config;
import tandem.job.JobType;

import java.time.Duration;

/** The durable jobs of the sending side of federation, declared once with their retry policy. */
public final class OutboxJobs {
    /** Turns a local event (video published, comment…) into activities and their deliveries. */
    public static final JobType<PublishJob> PUBLISH = JobType.of("activitypub-publish", PublishJob.class, 5, Duration.ofSeconds(10), 2).withPriority(30);

    /** Sends a local user's abuse report about another instance's object to that instance, as a Flag. */
    public static final JobType<FlagJob> FLAG = JobType.of("activitypub-flag", FlagJob.class, 5, Duration.ofSeconds(10), 2).withPriority(30);

    private OutboxJobs() {}

    /** One signed POST of one activity to one inbox; backs off for hours, then waits in the failed list. */
    public static JobType<DeliveryJob> delivery(Config.Federation f) {
        return new JobType<>("activitypub-http-unicast", DeliveryJob.class, f.deliveryAttempts(), f.firstRetry(), Duration.ofHours(2), f.deliveryConcurrency(), 20);
    }
}

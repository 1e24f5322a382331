package tandem.mirror.ledger;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The durable job of usage reports, declared once with its retry policy. */
public final class UsageJobs {
    /** Sends the reports of the completed hours not reported yet; recurring, and harmless to run twice. */
    public static final JobType<NoPayload> SEND = JobType.of("usage-report-send", NoPayload.class, 3, Duration.ofMinutes(1), 1).withPriority(200);
    /** How often {@link #SEND} looks for hours to report. */
    public static final Duration EVERY = Duration.ofMinutes(5);

    private UsageJobs() {}
}

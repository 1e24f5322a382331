package tandem.mirror.ledger;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The ledger's job types, declared once with their retry policy and concurrency. */
public final class LedgerJobs {
    private LedgerJobs() {}

    /** How often the mirrors we hold are measured: each hour's row keeps the last figure of that hour. */
    public static final Duration HELD_EVERY = Duration.ofMinutes(15);

    /** Records how many bytes of mirrors we hold per origin host in the current hour (recurring, every {@link #HELD_EVERY}). */
    public static final JobType<NoPayload> HELD = JobType.of("ledger-held-bytes", NoPayload.class, 3, Duration.ofMinutes(1), 1).withPriority(170);
}

package tandem.job;

import java.time.Duration;

/**
 * A kind of job, declared once: its name in the table, the record its payload is read into, how
 * often it may be tried, the first retry delay (doubled after each failure, capped), and how many
 * may run at once on this node.
 */
public record JobType<P>(String name, Class<P> payload, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
                         int concurrency, int priority) {

    public static <P> JobType<P> of(String name, Class<P> payload, int maxAttempts, Duration firstBackoff, int concurrency) {
        return new JobType<>(name, payload, maxAttempts, firstBackoff, Duration.ofHours(1), concurrency, 100);
    }

    public JobType<P> withPriority(int p) {
        return new JobType<>(name, payload, maxAttempts, firstBackoff, maxBackoff, concurrency, p);
    }

    /** Delay before attempt number `attempt + 1`, after `attempt` failures. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration d = firstBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}

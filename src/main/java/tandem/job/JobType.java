package tandem.job;

import java.time.Duration;

/**
 * A kind of job, declared once: its name in the table, how often it may be tried, the first retry
 * delay (doubled after each failure, capped), and how many may run at once on this node.
 */
public record JobType(String name, int maxAttempts, Duration firstBackoff, Duration maxBackoff, int concurrency, int priority) {

    public static JobType of(String name, int maxAttempts, Duration firstBackoff, int concurrency) {
        return new JobType(name, maxAttempts, firstBackoff, Duration.ofHours(1), concurrency, 100);
    }

    public JobType withPriority(int p) {
        return new JobType(name, maxAttempts, firstBackoff, maxBackoff, concurrency, p);
    }

    /** Delay before attempt number `attempt + 1`, after `attempt` failures. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration d = firstBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}

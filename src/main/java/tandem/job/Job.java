package tandem.job;

/** One row of the durable job table as a worker sees it. */
public record Job(long id, String type, String payload, int attempts, int maxAttempts) {}

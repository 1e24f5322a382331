package tandem.job;

/** Does the work of one job type. Throwing retries the job (with backoff) until its attempts run out. */
@FunctionalInterface
public interface JobHandler {
    void run(Job job) throws Exception;

    /** Called once when a job has failed for the last time, so the domain can record why. */
    default void onDead(Job job, Exception lastError) {}
}

package tandem.job;

/** Does the work of one job type on its decoded payload. Throwing retries the job (with backoff) until its attempts run out. */
@FunctionalInterface
public interface JobHandler<P> {
    void run(Job job, P payload) throws Exception;

    /**
     * Called once when a job has failed for the last time, so the domain can record why. Not called
     * for a job whose payload could not be read: the domain cannot tell what it was about.
     */
    default void onDead(Job job, P payload, Exception lastError) {}
}

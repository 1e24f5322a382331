package tandem.mirror.pool;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The pool's job types, declared once with their retry policy and concurrency. */
public final class PoolJobs {
    private PoolJobs() {}

    /**
     * Plans our pledge: reads the origins' pressure, asks the {@link Planner}, adds and evicts
     * `pledge` mirrors (recurring, `pool_plan_interval_seconds`, and queued on every pool change).
     * One at a time: two plans at once would both add the same video.
     */
    public static final JobType<NoPayload> PLAN = JobType.of("pool-plan", NoPayload.class, 3, Duration.ofMinutes(1), 1).withPriority(160);
}

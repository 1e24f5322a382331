package tandem.federation.inbox;

import tandem.job.JobType;

import java.time.Duration;

/** The durable jobs of the receiving side of federation, declared once with their retry policy. */
public final class InboxJobs {
    /** Processes one persisted inbound activity. Retried a few times: fetching its object may fail for a while. */
    public static final JobType<InboxJob> INBOX = JobType.of("activitypub-inbox", InboxJob.class, 5, Duration.ofSeconds(30), 4).withPriority(40);
    /** Imports a followed actor's existing videos from its outbox. */
    public static final JobType<CrawlJob> CRAWL = JobType.of("activitypub-crawl", CrawlJob.class, 3, Duration.ofMinutes(1), 1);
    /** Fetches a remote object (a video named by an Announce, a thumbnail) in the background. */
    public static final JobType<FetchJob> FETCH = JobType.of("activitypub-fetch", FetchJob.class, 5, Duration.ofSeconds(30), 4);

    private InboxJobs() {}
}

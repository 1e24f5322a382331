package tandem.federation.inbox;

/** A followed actor's outbox to read for its existing videos. */
public record CrawlJob(String outbox) {}

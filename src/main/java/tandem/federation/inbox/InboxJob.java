package tandem.federation.inbox;

/** One accepted inbox activity to process: its `inbox_activities` row. */
public record InboxJob(long inbox) {}

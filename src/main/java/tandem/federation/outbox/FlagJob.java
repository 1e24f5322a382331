package tandem.federation.outbox;

/** A Flag to send: the abuse report it carries, by id. */
public record FlagJob(long abuseId) {}

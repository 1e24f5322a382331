package tandem.federation.outbox;

/**
 * One delivery: the stored activity (`outbox_activities` row) and the inbox it goes to; the
 * activity's type and id are there for the admin's job list.
 */
public record DeliveryJob(long outbox, String inbox, String activityType, String activityId) {}

package tandem.federation;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the activity tables from growing forever: every activity received and sent is stored, and
 * a busy instance handles thousands a day. Received ones go after a week: the replay guard only
 * needs them while their `Date` is acceptable (30 minutes), processing ends within minutes. Sent
 * bodies go after a month, long after their deliveries (16 hours at most) ended; the rows that
 * record that a Create was sent stay, emptied, as they decide between Create and Update.
 */
public final class ActivityPurge implements JobHandler<NoPayload> {
    private static final Logger log = LoggerFactory.getLogger(ActivityPurge.class);
    public static final Duration KEEP_RECEIVED = Duration.ofDays(7);
    public static final Duration KEEP_SENT = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;

    public ActivityPurge(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void run(Job job, NoPayload none) {
        long now = clock.millis();
        long received = now - KEEP_RECEIVED.toMillis();
        long sent = now - KEEP_SENT.toMillis();
        int[] n = jdbi.inTransaction(h -> new int[] {
                h.createUpdate("DELETE FROM inbox_activities WHERE received_at < :t").bind("t", received).execute(),
                h.createUpdate("DELETE FROM outbox_activities WHERE created_at < :t AND activity_url NOT LIKE '%/activity'")
                        .bind("t", sent).execute(),
                h.createUpdate("UPDATE outbox_activities SET body = '{}' WHERE created_at < :t AND activity_url LIKE '%/activity' AND body <> '{}'")
                        .bind("t", sent).execute()});
        if (n[0] + n[1] + n[2] > 0) {
            log.info("purged {} received and {} sent activities; emptied {} sent Creates", n[0], n[1], n[2]);
        }
    }
}

package tandem.federation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.actor.ActorStore;
import tandem.federation.inbox.InboxStore;
import tandem.federation.outbox.OutboxStore;
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
 * record that a Create was sent stay, emptied, as they decide between Create and Update. The actors
 * that deleted channels left behind to sign their Delete go with their last sent activity.
 */
public final class ActivityPurge implements JobHandler<NoPayload> {
    private static final Logger log = LoggerFactory.getLogger(ActivityPurge.class);
    public static final Duration KEEP_RECEIVED = Duration.ofDays(7);
    public static final Duration KEEP_SENT = Duration.ofDays(30);

    private final Transactions transactions;
    private final InboxStore received;
    private final OutboxStore sent;
    private final ActorStore actors;
    private final Clock clock;

    public ActivityPurge(Transactions transactions, InboxStore received, OutboxStore sent, ActorStore actors, Clock clock) {
        this.actors = actors;
        this.transactions = transactions;
        this.received = received;
        this.sent = sent;
        this.clock = clock;
    }

    @Override
    public void run(Job job, NoPayload none) {
        long now = clock.millis();
        long receivedBefore = now - KEEP_RECEIVED.toMillis();
        long sentBefore = now - KEEP_SENT.toMillis();
        int[] n = transactions.inTransaction(h -> new int[] {
                received.deleteReceivedBefore(h, receivedBefore),
                sent.deleteSentBefore(h, sentBefore),
                sent.emptyCreatesBefore(h, sentBefore),
                actors.deleteDetachedLocalChannels(h, sentBefore)});
        if (n[0] + n[1] + n[2] + n[3] > 0) {
            log.info("purged {} received and {} sent activities; emptied {} sent Creates; removed {} deleted channels' actors", n[0], n[1], n[2], n[3]);
        }
    }
}

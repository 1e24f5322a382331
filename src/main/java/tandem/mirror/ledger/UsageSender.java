package tandem.mirror.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.UsageDelivery;
import tandem.federation.actor.Actor;
import tandem.federation.vocab.Usage;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mirror's side: reports each completed hour to each origin we served bytes for, once. A
 * report's lines are stored as 'sent' in the same transaction that queues its delivery, so a report
 * is made exactly once per (origin, hour) and then retried by the outbox until the origin takes it.
 * An hour is reported a few minutes after it ends, once the counters have flushed it.
 */
public final class UsageSender implements JobHandler<NoPayload> {
    private static final Logger log = LoggerFactory.getLogger(UsageSender.class);
    /** The counters flush at least every minute: wait a few before taking an hour as final. */
    static final Duration SETTLE = Duration.ofMinutes(5);
    /** At most this many lines per run; the next run takes the rest. */
    private static final int BATCH = 5_000;

    private final UsageReportStore store;
    private final UsageDelivery delivery;
    private final Transactions transactions;
    private final String ourHost;
    private final Clock clock;

    public UsageSender(UsageReportStore store, UsageDelivery delivery, Transactions transactions, String ourHost, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.transactions = transactions;
        this.ourHost = ourHost;
        this.clock = clock;
    }

    private record Key(String originHost, long hourStart) {}

    @Override
    public void run(Job job, NoPayload none) {
        long now = clock.millis();
        long latest = now - UsageRules.HOUR - SETTLE.toMillis();
        // An hour the origin would find too old by the time the report arrives is not worth sending.
        long oldest = now - UsageRules.MAX_AGE + UsageRules.HOUR;
        Map<Key, List<UsageReportStore.Unreported>> byReport = new LinkedHashMap<>();
        for (var u : store.unreported(ourHost, oldest, latest, BATCH)) byReport.computeIfAbsent(new Key(u.originHost(), u.hourStart()), k -> new ArrayList<>()).add(u);
        Actor us = delivery.us();
        for (var e : byReport.entrySet()) {
            try {
                send(us, e.getKey(), e.getValue(), now);
            } catch (RuntimeException ex) {
                // The next run tries again: nothing was stored for this report.
                log.warn("usage report to {} for {} not sent: {}", e.getKey().originHost(), Instant.ofEpochMilli(e.getKey().hourStart()), ex.getMessage());
            }
        }
    }

    private void send(Actor us, Key key, List<UsageReportStore.Unreported> lines, long now) {
        // Found before the transaction: an actor fetched inside it would wait on SQLite's write lock.
        Actor origin = delivery.instanceOf(key.originHost());
        Instant hour = Instant.ofEpochMilli(key.hourStart());
        String id = delivery.reportId(key.originHost(), hour);
        boolean sent = transactions.inTransaction(h -> {
            List<Usage.Claim> claims = new ArrayList<>();
            for (var u : lines) {
                if (store.insert(h, "sent", key.originHost(), u.uuid(), key.hourStart(), u.bytes(), u.heldBytes(), null, null, id, now, null)) {
                    claims.add(new Usage.Claim(u.videoUrl(), u.bytes(), u.heldBytes()));
                }
            }
            if (claims.isEmpty()) return false; // another run (or node) made this report
            delivery.report(h, us, origin, hour, claims);
            return true;
        });
        if (sent) log.info("usage report for {} ({} video(s)) queued for {}", hour, lines.size(), key.originHost());
    }
}

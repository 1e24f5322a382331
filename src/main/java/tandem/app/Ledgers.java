package tandem.app;

import tandem.core.Config;
import tandem.core.WebUrl;
import tandem.job.JobQueue;
import tandem.mirror.ledger.HeldBytes;
import tandem.mirror.ledger.Ledger;
import tandem.mirror.ledger.LedgerJobs;
import tandem.mirror.ledger.LedgerStore;
import tandem.mirror.ledger.ServedBytesStore;
import tandem.mirror.ledger.ServedCounter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ledger half of the composition root: the byte counters every media path feeds (built before
 * the listeners, flushed from the start of the workers until the last request is answered), the
 * hourly storage record and the ledger's views.
 */
record Ledgers(ServedCounter served, HeldBytes held, Ledger ledger, Config.Mirrors settings) implements AutoCloseable {

    static Ledgers wire(Config config, Platform p) {
        var jdbi = p.db().jdbi();
        String ownHost = config.publicHost();
        Set<String> ownHosts = new HashSet<>(List.of(ownHost, WebUrl.hostOf(config.mediaUrl()))); // the same host without a media listener
        return new Ledgers(new ServedCounter(new ServedBytesStore(jdbi), p.clock()), new HeldBytes(jdbi, p.clock()),
                new Ledger(new LedgerStore(jdbi), p.clock(), ownHost, ownHosts), config.mirrors());
    }

    void registerJobs(JobQueue jobs) {
        jobs.register(LedgerJobs.HELD, held);
        jobs.recurring(LedgerJobs.HELD, LedgerJobs.HELD_EVERY);
        served.start(settings.ledgerFlush());
    }

    /** Writes the counts still in memory: after the listeners closed, before the database does. */
    @Override
    public void close() {
        served.close();
    }
}

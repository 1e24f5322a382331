package tandem.mirror.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.FederationEvents;
import tandem.federation.actor.PledgeExchange;
import tandem.job.JobQueue;
import tandem.job.NoPayload;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Capacity pledges: ours, set by the admin and published on our instance actor (an `Update` of it
 * goes to its followers on every change), and our peers', read from their instance actors. Any
 * change re-plans the pool (a durable `pool-plan` job, queued in the same transaction).
 */
public final class Pledges implements PledgeExchange {
    private static final Logger log = LoggerFactory.getLogger(Pledges.class);

    private final PledgeStore store;
    private final Transactions tx;
    private final FederationEvents events;
    private final JobQueue jobs;
    private final ObjectMapper json;
    private final String ourHost;
    private final Clock clock;

    public Pledges(PledgeStore store, Transactions tx, FederationEvents events, JobQueue jobs, ObjectMapper json, String ourHost, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.events = events;
        this.jobs = jobs;
        this.json = json;
        this.ourHost = ourHost;
        this.clock = clock;
    }

    public Optional<Pledge> ours() { return store.find(ourHost); }

    public Optional<Pledge> of(String host) { return store.find(host); }

    public List<Pledge> all() { return store.all(); }

    public String ourHost() { return ourHost; }

    /** The admin's pledge (the API's body, in GB); 400 with the reason when it is not a sane one. */
    public Pledge set(JsonNode body) {
        Pledge p = PledgeRules.parse(ourHost, body, clock.millis());
        tx.useTransaction(h -> {
            store.upsert(h, p);
            events.instanceUpdated(h);
            jobs.enqueue(h, PoolJobs.PLAN, NoPayload.NONE);
        });
        log.info("our pledge is now {} bytes of storage, {} bytes of egress a month", p.storageBytes(), p.egressBytesPerMonth());
        return p;
    }

    /** Our pledge in its published shape (the actor's `pledge`, the API's GET). */
    public ObjectNode toJson(Pledge p, boolean flat) {
        ObjectNode o = json.createObjectNode();
        o.put("storageGB", p.storageBytes() / PledgeRules.GB);
        o.put("egressGBPerMonth", p.egressBytesPerMonth() / PledgeRules.GB);
        o.put("egressCapacityGBPerMonth", p.egressCapacityBytesPerMonth() / PledgeRules.GB);
        boolean hasCosts = p.currency() != null || p.costPerGBEgress() != null || p.costPerGBMonthStorage() != null;
        ObjectNode costs = flat ? o : json.createObjectNode();
        if (flat || hasCosts) {
            costs.put("currency", p.currency());
            costs.put("perGBEgress", p.costPerGBEgress());
            costs.put("perGBMonthStorage", p.costPerGBMonthStorage());
        }
        if (!flat) {
            if (hasCosts) o.set("costs", costs);
            else o.putNull("costs");
        }
        return o;
    }

    @Override
    public ObjectNode published() {
        return ours().map(p -> toJson(p, true)).orElse(null);
    }

    @Override
    public void read(String host, JsonNode pledge) {
        if (host.equals(ourHost)) return;
        Optional<Pledge> before = store.find(host);
        if (pledge == null || pledge.isNull() || pledge.isMissingNode()) {
            if (before.isEmpty()) return;
            tx.useTransaction(h -> {
                if (store.delete(h, host)) jobs.enqueue(h, PoolJobs.PLAN, NoPayload.NONE);
            });
            log.info("{} no longer pledges", host);
            return;
        }
        Pledge p = PledgeRules.parse(host, pledge, clock.millis());
        if (before.isPresent() && same(before.get(), p)) return;
        tx.useTransaction(h -> {
            store.upsert(h, p);
            jobs.enqueue(h, PoolJobs.PLAN, NoPayload.NONE);
        });
        log.info("{} pledges {} bytes of storage, {} bytes of egress a month", host, p.storageBytes(), p.egressBytesPerMonth());
    }

    private static boolean same(Pledge a, Pledge b) {
        return a.storageBytes() == b.storageBytes() && a.egressBytesPerMonth() == b.egressBytesPerMonth()
                && a.egressCapacityBytesPerMonth() == b.egressCapacityBytesPerMonth() && Objects.equals(a.currency(), b.currency())
                && Objects.equals(a.costPerGBEgress(), b.costPerGBEgress()) && Objects.equals(a.costPerGBMonthStorage(), b.costPerGBMonthStorage());
    }
}

package tandem.federation.outbox;

import tandem.federation.vocab.Texts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import tandem.job.JobQueue;
import tandem.job.JobType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import tandem.federation.actor.Actor;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.LocalActors;

/**
 * Queues activities for delivery: the body is stored once, then one durable job per destination
 * inbox (de-duplicated, never ourselves, never a blocked host), all in the caller's transaction.
 * The body is stored as built; {@link Delivery} adds our linked-data signature once, outside any
 * transaction.
 */
public final class Outbox {
    private final ObjectMapper mapper;
    private final OutboxStore store;
    private final JobQueue jobs;
    private final JobType<DeliveryJob> delivery;
    private final LocalActors local;
    private final Blocklist blocks;
    private final Clock clock;

    public Outbox(ObjectMapper mapper, OutboxStore store, JobQueue jobs, JobType<DeliveryJob> delivery, LocalActors local, Blocklist blocks, Clock clock) {
        this.mapper = mapper;
        this.store = store;
        this.jobs = jobs;
        this.delivery = delivery;
        this.local = local;
        this.blocks = blocks;
        this.clock = clock;
    }

    /** Stores the activity and queues its deliveries; returns how many inboxes it goes to. */
    public int send(Handle h, Actor from, ObjectNode activity, Collection<String> inboxes) {
        Set<String> blocked = blocks.blockedHosts(h);
        Set<String> targets = new LinkedHashSet<>();
        for (String inbox : inboxes) {
            if (inbox == null || local.isLocal(inbox)) continue;
            if (blocked.contains(Texts.hostOf(inbox))) continue;
            targets.add(inbox);
        }
        if (targets.isEmpty()) return 0;
        String body;
        try {
            body = mapper.writeValueAsString(activity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise activity", e);
        }
        long id = store.insert(h, activity.path("id").asText(), from.id(), body, clock.millis());
        String type = activity.path("type").asText();
        List<DeliveryJob> payloads = new ArrayList<>(targets.size());
        for (String inbox : targets) {
            payloads.add(new DeliveryJob(id, inbox, type, activity.path("id").asText()));
        }
        jobs.enqueueAll(h, delivery, payloads);
        return targets.size();
    }
}

package tandem.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.JobQueue;
import tandem.job.JobType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Queues activities for delivery: the body is stored once, then one durable job per destination
 * inbox (de-duplicated, never ourselves, never a blocked host), all in the caller's transaction.
 * Our own actors' activities get their linked-data signature here, once; one we relay keeps its
 * author's.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final ObjectMapper mapper;
    private final JobQueue jobs;
    private final JobType delivery;
    private final LocalActors local;
    private final Blocklist blocks;
    private final Signers signers;
    private final Clock clock;

    public Outbox(ObjectMapper mapper, JobQueue jobs, JobType delivery, LocalActors local, Blocklist blocks, Signers signers, Clock clock) {
        this.mapper = mapper;
        this.jobs = jobs;
        this.delivery = delivery;
        this.local = local;
        this.blocks = blocks;
        this.signers = signers;
        this.clock = clock;
    }

    /** Stores the activity and queues its deliveries; returns how many inboxes it goes to. */
    public int send(Handle h, Actor from, ObjectNode activity, Collection<String> inboxes) {
        Set<String> blocked = blocks.blockedHosts(h);
        Set<String> targets = new LinkedHashSet<>();
        for (String inbox : inboxes) {
            if (inbox == null || local.isLocal(inbox)) continue;
            if (blocked.contains(LocalActors.hostOf(inbox))) continue;
            targets.add(inbox);
        }
        if (targets.isEmpty()) return 0;
        if (from.privateKeyPem() != null && from.url().equals(activity.path("actor").asText()) && !activity.has("signature")) {
            activity = ldSigned(from, activity);
        }
        String body;
        try {
            body = mapper.writeValueAsString(activity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise activity", e);
        }
        long id = h.createQuery("INSERT INTO outbox_activities (activity_url, actor_id, body, created_at) VALUES (:u, :a, :b, :now) RETURNING id")
                .bind("u", activity.path("id").asText()).bind("a", from.id()).bind("b", body).bind("now", clock.millis())
                .mapTo(Long.class).one();
        String type = activity.path("type").asText();
        List<String> payloads = new ArrayList<>(targets.size());
        for (String inbox : targets) {
            payloads.add(mapper.createObjectNode().put("outbox", id).put("inbox", inbox).put("activityType", type)
                    .put("activityId", activity.path("id").asText()).toString());
        }
        jobs.enqueueAll(h, delivery, payloads);
        return targets.size();
    }

    /** Without it the activity still goes, HTTP-signed: only relays of it by other instances need it. */
    private ObjectNode ldSigned(Actor from, ObjectNode activity) {
        try {
            return LdSignatures.sign(activity, signers.of(from), clock.instant());
        } catch (RuntimeException e) {
            log.warn("{} goes without a linked-data signature: {}", activity.path("id").asText(), e.getMessage());
            return activity;
        }
    }
}

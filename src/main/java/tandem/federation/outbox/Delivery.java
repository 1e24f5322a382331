package tandem.federation.outbox;

import tandem.federation.vocab.Texts;
import tandem.core.Lru;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobDeferred;
import tandem.job.JobHandler;
import tandem.job.PermanentJobFailure;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Signers;
import tandem.federation.signature.LdSignatures;
import tandem.federation.signature.Signer;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.transport.ForbiddenAddressException;
import tandem.federation.transport.HostGates;

/**
 * Runs one delivery job: signs the stored activity for its inbox (once per attempt: the signature
 * covers the host and the date) and POSTs it, at most `perHost` at a time towards one host, twice
 * as many in line behind them; beyond those a delivery goes back to the queue for a few seconds
 * instead of holding a slot (see {@link HostGates}).
 * Network errors, timeouts, 429 and 5xx retry with backoff; other 4xx are final. An activity of the
 * sending actor gets its linked-data signature when its body is first read, once for all inboxes
 * and outside any transaction; one we relay keeps its author's.
 */
public final class Delivery implements JobHandler<DeliveryJob> {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    /**
     * When its host's line is full, a delivery goes back to the queue for this long (the same for all,
     * so they come back in the order they left).
     */
    private static final Duration HOST_BUSY_DELAY = Duration.ofSeconds(5);

    private final OutboxStore store;
    private final ObjectMapper mapper;
    private final ActorStore actors;
    private final Signers signers;
    private final FederationHttp http;
    private final int perHost;
    private final Clock clock;
    private final HostGates hosts;
    /** A fan-out reads one body a thousand times: keep the latest few. */
    private final Map<Long, Outgoing> recent = Lru.map(32); // guarded by itself (see run)

    private record Outgoing(byte[] body, Signer signer) {}

    public Delivery(OutboxStore store, ObjectMapper mapper, ActorStore actors, Signers signers, FederationHttp http, int perHost, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.actors = actors;
        this.signers = signers;
        this.http = http;
        this.perHost = perHost;
        this.hosts = new HostGates(perHost, 2 * perHost);
        this.clock = clock;
    }

    @Override
    public void run(Job job, DeliveryJob p) throws Exception {
        long outboxId = p.outbox();
        URI inbox = URI.create(p.inbox());
        String host = Texts.hostOf(inbox.toString());
        if (!hosts.enter(host)) {
            throw new JobDeferred("its host has " + perHost + " deliveries in flight and more waiting", HOST_BUSY_DELAY);
        }
        try {
            Outgoing out;
            // One loader at a time: the first of a fan-out's thousand jobs signs the body, the others wait for it.
            synchronized (recent) {
                out = recent.get(outboxId);
                if (out == null) {
                    out = load(outboxId);
                    if (out == null) return; // its actor was deleted, or its body purged a month on: nothing left to send
                    recent.put(outboxId, out);
                }
            }
            http.post(inbox, out.body(), out.signer());
        } catch (FederationHttpException e) {
            if (e.status() == 409) return; // the inbox already has this activity (an earlier attempt got through)
            if (!e.retryable()) throw new PermanentJobFailure(e.getMessage(), e);
            throw e;
        } catch (ForbiddenAddressException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        } finally {
            hosts.leave(host);
        }
    }

    private Outgoing load(long outboxId) {
        return store.find(outboxId)
                .flatMap(e -> actors.byId(e.actorId()).map(a -> {
                    Signer signer = signers.of(a);
                    return new Outgoing(ldSigned(e.body(), a, signer).getBytes(StandardCharsets.UTF_8), signer);
                }))
                .orElse(null);
    }

    /** Without the signature the activity still goes, HTTP-signed: only relays of it by other instances need it. */
    private String ldSigned(String body, Actor from, Signer signer) {
        try {
            JsonNode activity = mapper.readTree(body);
            if (!(activity instanceof ObjectNode o) || !from.url().equals(o.path("actor").asText()) || o.has("signature")) return body;
            return mapper.writeValueAsString(LdSignatures.sign(o, signer, clock.instant()));
        } catch (IOException | RuntimeException e) {
            log.warn("activity {} goes without a linked-data signature: {}", body.length() > 200 ? body.substring(0, 200) : body, e.getMessage());
            return body;
        }
    }
}

package tandem.federation;

import tandem.core.Lru;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.PermanentJobFailure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Runs one delivery job: signs the stored activity for its inbox (once per attempt: the signature
 * covers the host and the date) and POSTs it, at most `perHost` at a time towards one host.
 * Network errors, timeouts, 429 and 5xx retry with backoff; other 4xx are final.
 */
public final class Delivery implements JobHandler {
    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final ActorStore actors;
    private final Signers signers;
    private final FederationHttp http;
    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    /** A fan-out reads one body a thousand times: keep the latest few. */
    private final Map<Long, Outgoing> recent = Lru.synchronizedMap(32);

    private record Outgoing(byte[] body, Signer signer) {}

    public Delivery(Jdbi jdbi, ObjectMapper mapper, ActorStore actors, Signers signers, FederationHttp http, int perHost) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.actors = actors;
        this.signers = signers;
        this.http = http;
        this.perHost = perHost;
    }

    @Override
    public void run(Job job) throws Exception {
        JsonNode p = mapper.readTree(job.payload());
        long outboxId = p.path("outbox").asLong();
        URI inbox = URI.create(p.path("inbox").asText());
        Outgoing out = recent.get(outboxId);
        if (out == null) {
            out = load(outboxId);
            if (out == null) return; // its actor was deleted, or its body purged a month on: nothing left to send
            recent.put(outboxId, out);
        }
        Semaphore slot = hosts.computeIfAbsent(LocalActors.hostOf(inbox.toString()), h -> new Semaphore(perHost));
        slot.acquire();
        try {
            http.post(inbox, out.body(), out.signer());
        } catch (FederationHttpException e) {
            if (e.status() == 409) return; // the inbox already has this activity (an earlier attempt got through)
            if (!e.retryable()) throw new PermanentJobFailure(e.getMessage(), e);
            throw e;
        } catch (ForbiddenAddressException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        } finally {
            slot.release();
        }
    }

    private Outgoing load(long outboxId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT actor_id, body FROM outbox_activities WHERE id = :id").bind("id", outboxId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).findOne())
                .flatMap(e -> actors.byId(e.getKey()).map(a -> new Outgoing(e.getValue().getBytes(StandardCharsets.UTF_8), signers.of(a))))
                .orElse(null);
    }
}

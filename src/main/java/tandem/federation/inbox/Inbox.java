package tandem.federation.inbox;

import tandem.federation.vocab.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.job.JobQueue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import tandem.federation.actor.Actor;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.KeyLookup;
import tandem.federation.signature.SignatureException;
import tandem.federation.signature.SignatureHeader;
import tandem.federation.signature.VerifiedSignature;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.FederationException;

/**
 * The door of every inbox: authenticate before accepting, process after. In order: size and JSON,
 * the activity's shape (its id on its actor's host), blocks, the HTTP signature (cached key, one
 * refetch), the signer must be the actor (forwarded Creates/Updates/Deletes, and Undos of
 * CacheFiles, excepted: their objects are re-fetched from the origin later), not ourselves, not seen before; then the activity
 * and its job are stored in one transaction and only then do we answer 202.
 */
public final class Inbox {
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private final ObjectMapper mapper;
    private final HttpSignatures signatures;
    private final RemoteActors actors;
    private final LocalActors local;
    private final Blocklist blocks;
    private final Transactions transactions;
    private final InboxStore store;
    private final JobQueue jobs;
    private final Clock clock;
    private final long maxBytes;
    private final Timer verifyTimer;

    public Inbox(ObjectMapper mapper, HttpSignatures signatures, RemoteActors actors, LocalActors local, Blocklist blocks,
                 Transactions transactions, InboxStore store, JobQueue jobs, Clock clock, long maxBytes, Timer verifyTimer) {
        this.mapper = mapper;
        this.signatures = signatures;
        this.actors = actors;
        this.local = local;
        this.blocks = blocks;
        this.transactions = transactions;
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.verifyTimer = verifyTimer;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Accepts one POSTed activity or throws {@link InboxRejection} saying why not. */
    public void receive(String pathAndQuery, Function<String, String> header, byte[] body) {
        if (body.length > maxBytes) throw new InboxRejection(413, "activity larger than " + maxBytes + " bytes");
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new InboxRejection(400, "Incorrect activity: invalid JSON");
        }
        if (json == null) throw new InboxRejection(400, "Incorrect activity: empty body");
        Activity activity;
        try {
            activity = AsToActivity.parse(json);
        } catch (FederationException | IllegalArgumentException e) {
            throw new InboxRejection(400, e.getMessage());
        }
        String actorHost = host(activity.actor());
        if (local.host().equals(actorHost)) throw new InboxRejection(409, "activity claims to come from this instance");
        if (!actorHost.equals(host(activity.id())) && !isModerationDelete(activity)) {
            // Ids key the replay guard: one host must not claim (and so block) another host's activity ids.
            throw new InboxRejection(400, "Incorrect activity: id " + activity.id() + " is not on the actor's host " + actorHost);
        }
        if (blocks.isServerBlocked(actorHost)) throw new InboxRejection(403, "instance " + actorHost + " is blocked here");
        String keyHost = signerHost(header);
        if (keyHost != null && blocks.isServerBlocked(keyHost)) throw new InboxRejection(403, "instance " + keyHost + " is blocked here");
        String hostHeader = header.apply("Host");
        if (hostHeader != null && !hostHeader.equalsIgnoreCase(local.host())) {
            // A request signed for another instance must not be replayable here.
            throw new InboxRejection(403, "request was addressed to " + hostHeader + ", not to " + local.host());
        }
        VerifiedSignature signed = verify(pathAndQuery, header, body);
        boolean forwarded = !signed.actorUrl().equals(activity.actor());
        if (forwarded) {
            switch (activity) {
                case Activity.Create c -> { } // its object is fetched again from its origin
                case Activity.Update u -> { }
                case Activity.Delete d -> { } // counts only if the origin no longer serves the object
                // An origin relays its mirrors' withdrawals: it counts once the mirror no longer serves its CacheFile.
                case Activity.Undo u when isCacheFileUndo(u) -> { }
                case Activity.Follow f -> throw notTheActor(signed, activity);
                case Activity.Accept a -> throw notTheActor(signed, activity);
                case Activity.Reject r -> throw notTheActor(signed, activity);
                // Only the reporting instance may speak for its bandwidth: a relayed report proves nothing.
                case Activity.UsageReport r -> throw notTheActor(signed, activity);
                case Activity.UsageStatement s -> throw notTheActor(signed, activity);
                default -> {
                    // PeerTube forwards its videos' likes, views, shares: without the author's own signature
                    // they prove nothing, and refusing them would cost us PeerTube's follow score.
                    log.debug("ignoring {} {} forwarded by {}", activity.getClass().getSimpleName(), activity.id(), signed.actorUrl());
                    return;
                }
            }
        }
        Optional<Actor> author = forwarded ? Optional.empty() : actorRow(signed.actorUrl());
        if (author.isPresent() && author.get().accountId() != null && blocks.isAccountBlocked(author.get().accountId())) {
            throw new InboxRejection(403, "account " + author.get().handle() + " is blocked here");
        }
        long now = clock.millis();
        // The replay guard is the signed request, not the id alone: PeerTube re-uses ids (a Follow
        // after an Undo has the same id), but a replay re-sends the same signature.
        String signature = signatureHash(header);
        boolean stored = transactions.inTransaction(h -> {
            Optional<Long> inserted = store.insertIfNew(h, activity.id(), signature, activity.actor(), signed.actorUrl(),
                    new String(body, StandardCharsets.UTF_8), now);
            if (inserted.isEmpty()) return false;
            long rowId = inserted.get();
            jobs.enqueue(h, InboxJobs.INBOX, new InboxJob(rowId));
            return true;
        });
        if (!stored) throw new InboxRejection(409, "activity " + activity.id() + " was already received (the same signed request)");
    }

    /**
     * PeerTube's video origin deletes a comment written on another instance with the id
     * `<comment>/delete`: on the comment's host, not its own. Whether it may is checked when it is processed.
     */
    private static boolean isModerationDelete(Activity activity) {
        return activity instanceof Activity.Delete d && d.id().equals(d.object() + "/delete");
    }

    private static boolean isCacheFileUndo(Activity.Undo u) {
        JsonNode inner = u.object();
        return "Create".equals(inner.path("type").asText()) && "CacheFile".equals(inner.path("object").path("type").asText());
    }

    private static InboxRejection notTheActor(VerifiedSignature signed, Activity activity) {
        return new InboxRejection(403, "signer " + signed.actorUrl() + " is not the activity's actor " + activity.actor());
    }

    private static String signatureHash(Function<String, String> header) {
        String raw = header.apply("Signature");
        if (raw == null) raw = header.apply("Authorization");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(String.valueOf(raw).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies; the timer counts the verification itself, not the key lookup (a cache hit or a fetch). */
    private VerifiedSignature verify(String pathAndQuery, Function<String, String> header, byte[] body) {
        long[] lookup = {0};
        KeyLookup timedLookup = (url, refresh) -> {
            long t = System.nanoTime();
            try {
                return actors.lookup(url, refresh);
            } finally {
                lookup[0] += System.nanoTime() - t;
            }
        };
        long t0 = System.nanoTime();
        try {
            return signatures.verify("POST", pathAndQuery, header, body, timedLookup, clock.instant());
        } catch (SignatureException e) {
            throw new InboxRejection(403, e.getMessage());
        } finally {
            verifyTimer.record(System.nanoTime() - t0 - lookup[0], java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Optional<Actor> actorRow(String url) {
        try {
            return Optional.of(actors.resolve(url));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The host named by the Signature's keyId, so a blocked host's key is never even fetched. */
    private static String signerHost(Function<String, String> header) {
        String raw = header.apply("Signature");
        if (raw == null) {
            String auth = header.apply("Authorization");
            if (auth != null && auth.startsWith("Signature ")) raw = auth.substring("Signature ".length());
        }
        if (raw == null) return null;
        try {
            return host(SignatureHeader.parse(raw).keyId());
        } catch (RuntimeException e) {
            return null; // verify() reports the malformed header precisely
        }
    }

    private static String host(String url) {
        try {
            return Texts.hostOf(url);
        } catch (IllegalArgumentException e) {
            throw new InboxRejection(400, "Incorrect activity: invalid URL " + url);
        }
    }
}

package tandem.federation.actor;

import tandem.account.ActorImageKind;
import tandem.account.ImageOwner;
import tandem.account.RemoteActorImages;
import tandem.federation.vocab.AsToActorImages;

import tandem.core.Lru;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tandem.db.Transactions;
import tandem.federation.signature.KeyLookup;
import tandem.federation.signature.RsaKeys;
import tandem.federation.transport.FederationHttp;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Texts;

/**
 * Remote actors: fetched from their URL with a signed GET, validated as PeerTube validates them,
 * stored with the account or channel row they stand for, refreshed after two days or when a
 * signature stops verifying (key rotation).
 */
public final class RemoteActors implements KeyLookup {
    private static final Logger log = LoggerFactory.getLogger(RemoteActors.class);
    private static final Set<String> TYPES = Set.of("Person", "Application", "Group", "Service", "Organization");
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9\\-_.:]{1,100}$");
    private static final Duration REFRESH_AFTER = Duration.ofDays(2);

    private final Transactions transactions;
    private final ActorStore store;
    private final RemoteAccountStore accounts;
    private final LocalActors local;
    private final FederationHttp http;
    private final Signers signers;
    private final Clock clock;
    private final PledgeExchange pledges;
    private final RemoteActorImages images;
    private final Map<String, PublicKey> parsedKeys = new ConcurrentHashMap<>();
    /** Actors by URL as last read: every inbox POST looks its signer up, usually the same few. */
    private final Map<String, Actor> recent = Lru.synchronizedMap(10_000);

    public RemoteActors(Transactions transactions, ActorStore store, RemoteAccountStore accounts, LocalActors local, FederationHttp http,
                        Signers signers, Clock clock) {
        this(transactions, store, accounts, local, http, signers, clock, PledgeExchange.NONE);
    }

    /** With {@code pledges}, told the `pledge` of every remote instance actor (Application) read. */
    public RemoteActors(Transactions transactions, ActorStore store, RemoteAccountStore accounts, LocalActors local, FederationHttp http,
                        Signers signers, Clock clock, PledgeExchange pledges) {
        this(transactions, store, accounts, local, http, signers, clock, pledges, null);
    }

    /** With {@code images}, remote accounts' and channels' avatars and banners (`icon`, `image`) are kept too. */
    public RemoteActors(Transactions transactions, ActorStore store, RemoteAccountStore accounts, LocalActors local, FederationHttp http,
                        Signers signers, Clock clock, PledgeExchange pledges, RemoteActorImages images) {
        this.images = images;
        this.pledges = pledges;
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.local = local;
        this.http = http;
        this.signers = signers;
        this.clock = clock;
    }

    @Override
    public PublicKey lookup(String actorUrl, boolean refresh) throws Exception {
        Actor a = resolve(actorUrl, refresh);
        return parsedKeys.computeIfAbsent(a.publicKeyPem(), RsaKeys::publicKey);
    }

    /** The actor at this URL: ours, or a remote one from the table or fetched now. */
    /** Drops what is cached of an actor that no longer exists. */
    public void forget(String url) {
        recent.remove(url);
    }

    public Actor resolve(String url) {
        return resolve(url, false);
    }

    public Actor resolve(String url, boolean refresh) {
        Actor cached = refresh ? null : recent.get(url);
        if (cached != null && (cached.local() || !stale(cached))) return cached;
        Actor a = load(url, refresh);
        recent.put(url, a);
        return a;
    }

    private Actor load(String url, boolean refresh) {
        Optional<Actor> known = store.byUrl(url);
        if (known.isPresent() && (known.get().local() || (!refresh && !stale(known.get())))) return known.get();
        if (local.isLocal(url)) throw new FederationException("unknown local actor " + url);
        try {
            return fetch(url, known);
        } catch (RuntimeException e) {
            if (known.isPresent() && !refresh) {
                log.info("refreshing actor {} failed, keeping what we have: {}", url, e.getMessage());
                return known.get();
            }
            throw e;
        }
    }

    private boolean stale(Actor a) {
        return clock.millis() - a.fetchedAt() > REFRESH_AFTER.toMillis();
    }

    /** Fetches and stores an actor; a Group's owning Person is resolved first (a channel needs its account). */
    private Actor fetch(String url, Optional<Actor> known) {
        JsonNode doc = http.fetchJson(URI.create(url), signers.of(local.instance())).body();
        Actor parsed = parse(doc);
        if (!parsed.url().equals(url)) throw new FederationException("actor document " + parsed.url() + " is not the actor " + url + " we fetched");
        String ownerUrl = "Group".equals(parsed.type()) ? groupOwner(doc) : null;
        Actor owner = ownerUrl == null ? null : resolve(ownerUrl);
        if (owner != null && (owner.accountId() == null || !owner.host().equals(parsed.host()))) {
            throw new FederationException("channel " + url + " must belong to a Person on " + parsed.host());
        }
        long now = clock.millis();
        Actor stored = transactions.inTransaction(h -> {
            Long accountId = null;
            Long channelId = null;
            String display = text(doc, "name", parsed.username());
            String summary = doc.path("summary").isTextual() ? Texts.truncate(Texts.clean(doc.path("summary").asText()), 10_000) : null;
            switch (parsed.type()) {
                case "Person", "Service", "Organization" -> accountId = accounts.upsertAccount(h, parsed.username(), parsed.host(), display, summary, now);
                case "Group" -> channelId = accounts.upsertChannel(h, parsed.username(), parsed.host(), owner.accountId(), display, summary,
                        text(doc, "support", null), now);
                default -> { }
            }
            if (images != null && accountId != null) {
                images.update(h, ImageOwner.account(accountId), ActorImageKind.AVATAR, AsToActorImages.decode(doc.get("icon")), now);
            }
            if (images != null && channelId != null) {
                images.update(h, ImageOwner.channel(channelId), ActorImageKind.AVATAR, AsToActorImages.decode(doc.get("icon")), now);
                images.update(h, ImageOwner.channel(channelId), ActorImageKind.BANNER, AsToActorImages.decode(doc.get("image")), now);
            }
            Actor full = new Actor(0, parsed.url(), parsed.type(), parsed.username(), parsed.host(), false, accountId, channelId,
                    parsed.inbox(), parsed.sharedInbox(), parsed.outbox(), parsed.followers(), parsed.publicKeyPem(), null, now);
            if (known.isPresent()) {
                store.updateRemote(h, known.get().id(), full, now);
                return store.byUrl(h, parsed.url()).orElseThrow();
            }
            return store.insertIfAbsent(h, full, now);
        });
        if ("Application".equals(parsed.type())) readPledge(parsed.host(), doc.get("pledge"));
        return stored;
    }

    /** A bad pledge is ignored (logged), never a reason to refuse the actor: PeerTube and Mastodon have none. */
    private void readPledge(String host, JsonNode pledge) {
        try {
            pledges.read(host, pledge);
        } catch (RuntimeException e) {
            log.info("ignoring the pledge of {}: {}", host, e.getMessage());
        }
    }

    /** Validates an actor document (interop notes §2.3); the HTTP client already checked that its id is on the host it came from. */
    public Actor parse(JsonNode doc) {
        String type = doc.path("type").asText("");
        if (!TYPES.contains(type)) throw new FederationException("actor type must be one of " + TYPES + ", got '" + type + "'");
        String id = Texts.url(doc, "id", true);
        String host = Texts.hostOf(id);
        String inbox = sameHost(Texts.url(doc, "inbox", true), host, "inbox");
        String shared = doc.path("endpoints").path("sharedInbox").isTextual()
                ? sameHost(Texts.url(doc.path("endpoints"), "sharedInbox", true), host, "sharedInbox") : null;
        // Checked here, not only when fetching the owner, so a channel without an account is refused before anything else is done with it.
        if ("Group".equals(type)) groupOwner(doc);
        String username = doc.path("preferredUsername").asText("");
        if (!USERNAME.matcher(username).matches()) throw new FederationException("invalid preferredUsername '" + username + "'");
        String pem = doc.path("publicKey").path("publicKeyPem").asText("");
        String owner = doc.path("publicKey").path("owner").asText(id);
        if (!owner.equals(id)) throw new FederationException("publicKey.owner " + owner + " is not the actor " + id);
        try {
            RsaKeys.publicKey(pem);
        } catch (IllegalArgumentException e) {
            throw new FederationException("invalid publicKey of " + id + ": " + e.getMessage());
        }
        return new Actor(0, id, type, username, host, false, null, null, inbox, shared, Texts.url(doc, "outbox", false),
                Texts.url(doc, "followers", false), pem, null, clock.millis());
    }

    private static String groupOwner(JsonNode doc) {
        for (JsonNode a : doc.path("attributedTo")) {
            String id = a.isTextual() ? a.asText() : a.path("id").asText(null);
            String type = a.isTextual() ? "Person" : a.path("type").asText("Person");
            if (id != null && "Person".equals(type)) return id;
        }
        if (doc.path("attributedTo").isTextual()) return doc.path("attributedTo").asText();
        throw new FederationException("a Group must be attributedTo a Person (PeerTube attaches each channel to an account)");
    }

    private static String sameHost(String url, String host, String what) {
        if (!Texts.hostOf(url).equals(host)) throw new FederationException(what + " " + url + " is not on the actor's host " + host);
        return url;
    }

    private static String text(JsonNode doc, String field, String fallback) {
        JsonNode v = doc.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Texts.truncate(Texts.clean(v.asText()), 1000) : fallback;
    }
}

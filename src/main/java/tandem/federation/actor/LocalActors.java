package tandem.federation.actor;

import tandem.db.Transactions;
import tandem.federation.vocab.Texts;
import tandem.account.Account;
import tandem.account.AccountStore;
import tandem.account.Channel;
import tandem.video.Comment;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.federation.signature.KeyPairPem;
import tandem.federation.signature.RsaKeys;

/**
 * Our own actors at PeerTube's URLs: the instance actor (`/accounts/peertube`, Application), each
 * account (`/accounts/<name>`, Person) and channel (`/video-channels/<name>`, Group). Rows and
 * RSA-2048 keys are made on first use, so accounts that never federate cost no key generation.
 */
public final class LocalActors {
    private final ActorStore store;
    private final String base;
    private final String host;
    private final Clock clock;
    private final Transactions transactions;
    /** Keys made for actors being created: one key generation per actor even when several ask at once (it takes ~0.5 s). */
    private final Map<String, KeyPairPem> creating = new ConcurrentHashMap<>();
    /** The instance actor never changes once made, and every signed fetch asks for it. */
    private volatile Actor instance;

    public LocalActors(ActorStore store, Transactions transactions, String base, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.base = base;
        this.host = Texts.hostOf(base);
        this.clock = clock;
    }

    /** `host[:port]` of a URL, the form actors and blocks are keyed by. */

    public String base() { return base; }
    public String host() { return host; }
    public String instanceUrl() { return base + "/accounts/" + AccountStore.INSTANCE_ACTOR; }
    public String accountUrl(String name) { return base + "/accounts/" + name; }
    public String channelUrl(String name) { return base + "/video-channels/" + name; }
    public String sharedInbox() { return base + "/inbox"; }
    public String videoUrl(String uuid) { return base + "/videos/watch/" + uuid; }
    public String commentUrl(String uuid, long commentId) { return videoUrl(uuid) + "/comments/" + commentId; }
    /** A comment's ActivityPub id: its origin's for a remote one, ours otherwise. */
    public String commentId(Comment c) { return c.url() != null ? c.url() : commentUrl(c.videoUuid(), c.id()); }

    /** The uuid (or short id) of one of our videos named by its URL (`/videos/watch/<id>` or `/w/<id>`), if it is one. */
    public java.util.Optional<String> localVideoId(String url) {
        if (!isLocal(url)) return java.util.Optional.empty();
        String path;
        try {
            path = java.net.URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        String[] p = path == null ? new String[0] : path.split("/");
        if (p.length == 4 && "videos".equals(p[1]) && "watch".equals(p[2])) return java.util.Optional.of(p[3]);
        if (p.length == 3 && "w".equals(p[1])) return java.util.Optional.of(p[2]);
        return java.util.Optional.empty();
    }

    public boolean isLocal(String url) {
        try {
            return host.equals(Texts.hostOf(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Actor instance() {
        Actor a = instance;
        if (a == null) instance = a = ensure(instanceUrl(), "Application", AccountStore.INSTANCE_ACTOR, null, null);
        return a;
    }

    public Actor account(Account a) {
        return ensure(accountUrl(a.name()), "Person", a.name(), a.id(), null);
    }

    public Actor channel(Channel c) {
        return ensure(channelUrl(c.name()), "Group", c.name(), null, c.id());
    }

    /** Unties a channel's actor from the channel about to be deleted (see {@link ActorStore#detachLocalChannel}); its id, if it had one. */
    public java.util.Optional<Long> detachChannel(org.jdbi.v3.core.Handle h, long channelId) {
        return store.detachLocalChannel(h, channelId);
    }

    private Actor ensure(String url, String type, String name, Long accountId, Long channelId) {
        var existing = store.byUrl(url);
        if (existing.isPresent() && channelId != null && existing.get().channelId() == null && existing.get().local()) {
            // A deleted channel's actor, kept while its Delete went out: a new channel of that name takes it over.
            transactions.inCurrentOrNew(h -> {
                store.attachLocalChannel(h, existing.get().id(), channelId);
                return null;
            });
            return store.byUrl(url).orElseThrow();
        }
        if (existing.isPresent()) return existing.get();
        // No lock is held while writing: a caller inside a transaction holds the database's write
        // lock, and one waiting on a lock we hold would wait for it. The insert joins the caller's
        // transaction if there is one (a second one would wait for the first), and keeps the first
        // actor stored when two threads race.
        KeyPairPem keys = creating.computeIfAbsent(url, k -> RsaKeys.generate());
        Actor a = new Actor(0, url, type, name, host, true, accountId, channelId, url + "/inbox", sharedInbox(),
                url + "/outbox", url + "/followers", keys.publicPem(), keys.privatePem(), clock.millis());
        Actor stored = transactions.inCurrentOrNew(h -> store.insertIfAbsent(h, a, clock.millis()));
        creating.remove(url, keys);
        return stored;
    }
}

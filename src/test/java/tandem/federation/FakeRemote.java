package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.Signer;

/**
 * A hostile-or-honest remote instance for tests: serves the actor documents and objects we register
 * (bad ones included), answers WebFinger, records what it receives, and POSTs activities signed by
 * its actors to a Tandem inbox, letting a test tamper with any header on the way out.
 */
final class FakeRemote implements AutoCloseable {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the fake received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** How long the fake takes to answer a POST (a slow inbox). */
    volatile Duration postDelay = Duration.ZERO;
    private final TestClient sender;

    private FakeRemote(HttpServer server, TestClient sender) {
        this.server = server;
        this.sender = sender;
    }

    /** Starts the fake; `sender` (an unauthenticated client) carries its POSTs. */
    static FakeRemote start(TestClient sender) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeRemote fake = new FakeRemote(s, sender);
            s.createContext("/", fake::handle);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.start();
            fake.person("alice", TestKeys.ALICE_PEM.publicPem(), TestKeys.ALICE_PRIVATE);
            fake.person("mallory", TestKeys.MALLORY_PEM.publicPem(), TestKeys.MALLORY_PRIVATE);
            fake.group("alice_channel", "alice");
            fake.group("mallory_channel", "mallory");
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** `127.0.0.1:<port>`: the host Tandem keys this instance's actors and blocks by. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String base() {
        return "http://" + host();
    }

    String actor(String name) {
        return base() + "/users/" + name;
    }

    String channel(String name) {
        return base() + "/video-channels/" + name;
    }

    /** A Person with its key, inbox, shared inbox, outbox and followers; `privateKey` signs its POSTs. */
    void person(String name, String publicPem, PrivateKey privateKey) {
        ObjectNode p = actorDocument(actor(name), "Person", name, publicPem);
        serve("/users/" + name, p);
        serve("/users/" + name + "/outbox", emptyCollection(actor(name) + "/outbox"));
        keys.put(actor(name), privateKey);
    }

    /** A Person with its own inbox only (no shared inbox): each delivery to it is a request of its own. */
    void personWithoutSharedInbox(String name) {
        person(name, TestKeys.ALICE_PEM.publicPem(), TestKeys.ALICE_PRIVATE);
        ObjectNode p = actorDocument(actor(name), "Person", name, TestKeys.ALICE_PEM.publicPem());
        p.remove("endpoints");
        serve("/users/" + name, p);
    }

    /** A channel (Group) attributed to one of our Persons. */
    void group(String name, String owner) {
        ObjectNode g = actorDocument(channel(name), "Group", name, TestKeys.ALICE_PEM.publicPem());
        g.putArray("attributedTo").addObject().put("type", "Person").put("id", actor(owner));
        serve("/video-channels/" + name, g);
        serve("/video-channels/" + name + "/outbox", emptyCollection(channel(name) + "/outbox"));
    }

    private ObjectNode actorDocument(String url, String type, String name, String publicPem) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", url).put("type", type).put("preferredUsername", name).put("name", name)
                .put("inbox", url + "/inbox").put("outbox", url + "/outbox").put("followers", url + "/followers");
        a.putObject("endpoints").put("sharedInbox", base() + "/inbox");
        a.putObject("publicKey").put("id", url + "#main-key").put("owner", url).put("publicKeyPem", publicPem);
        return a;
    }

    private ObjectNode emptyCollection(String id) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("type", "OrderedCollection").put("totalItems", 0);
        c.putArray("orderedItems");
        return c;
    }

    /**
     * A Video as PeerTube publishes it, served at `path`: attributed to `owner` and `channel`, with
     * `id` as given (pass another host's URL to serve a lying object).
     */
    ObjectNode video(String path, String id, String owner, String channel) {
        ObjectNode v = JSON.createObjectNode();
        v.put("id", id).put("type", "Video").put("name", "A video from the fake " + path)
                .put("duration", "PT3S").put("uuid", java.util.UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString())
                .put("views", 0).put("published", "2024-01-01T00:00:00Z").put("updated", "2024-01-01T00:00:00Z")
                .put("commentsEnabled", true);
        v.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        var by = v.putArray("attributedTo");
        by.addObject().put("type", "Person").put("id", owner);
        by.addObject().put("type", "Group").put("id", channel);
        v.putArray("icon").addObject().put("type", "Image").put("mediaType", "image/jpeg").put("width", 280).put("height", 157)
                .put("url", base() + "/thumbs/" + path.replace('/', '_') + ".jpg");
        v.putArray("url");
        serve(path, v);
        file("/thumbs/" + path.replace('/', '_') + ".jpg", JPEG, "image/jpeg");
        return v;
    }

    /** Serves bytes that are not an ActivityPub document (a thumbnail, a video file). */
    void file(String path, byte[] bytes, String mediaType) {
        documents.put(path, bytes);
        mediaTypes.put(path, mediaType);
    }

    /** Stops serving a path (404 from then on). */
    void remove(String path) {
        documents.remove(path);
    }

    /** Serves any JSON document at a path. */
    void serve(String path, JsonNode doc) {
        documents.put(path, doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Tamper with the outgoing request: the mutable signed headers (Host excepted: the JDK derives it) and the body. */
    static final class Outgoing {
        final Map<String, String> headers;
        byte[] body;
        /** Send the body chunked, without Content-Length. */
        boolean chunked;

        Outgoing(Map<String, String> headers, byte[] body) {
            this.headers = headers;
            this.body = body;
        }
    }

    /** The signer of one of our actors: `<actor>#main-key` and its private key. */
    Signer signer(String actorUrl) {
        PrivateKey key = keys.get(actorUrl);
        if (key == null) throw new IllegalArgumentException("no key for " + actorUrl);
        return new Signer(actorUrl + "#main-key", key);
    }

    /** POSTs `body` to `inboxUrl` signed by `signer` as of `now`, after `tamper` had its way. */
    Response post(String inboxUrl, Signer signer, byte[] body, Instant now, Consumer<Outgoing> tamper) {
        URI target = URI.create(inboxUrl);
        Map<String, String> headers = new java.util.LinkedHashMap<>(HttpSignatures.signPost(signer, target, body, now));
        Outgoing out = new Outgoing(headers, body);
        tamper.accept(out);
        return send(target, out);
    }

    Response post(String inboxUrl, String actorUrl, JsonNode activity) {
        return post(inboxUrl, signer(actorUrl), activity.toString().getBytes(StandardCharsets.UTF_8), Instant.now(), o -> { });
    }

    /** Sends exactly these headers and body (Host is set by the JDK from the URI). */
    Response send(URI target, Outgoing out) {
        HttpRequest.Builder b = sender.builder(target.toString()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/activity+json")
                .POST(out.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(out.body))
                        : HttpRequest.BodyPublishers.ofByteArray(out.body));
        out.headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host") && v != null) b.header(k, v);
        });
        return sender.send(b);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            if ("POST".equals(ex.getRequestMethod())) {
                if (!postDelay.isZero()) sleep(postDelay);
                ex.sendResponseHeaders(202, -1);
                return;
            }
            byte[] doc = path.equals("/.well-known/webfinger") ? webfinger(ex.getRequestURI().getQuery()) : documents.get(path);
            if (doc == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", mediaTypes.getOrDefault(path, "application/activity+json"));
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range != null && range.matches("bytes=\\d+-\\d+")) {
                // Enough of HTTP ranges for a mirror check: one closed range inside the file.
                String[] r = range.substring("bytes=".length()).split("-");
                int from = Integer.parseInt(r[0]);
                int to = Math.min(Integer.parseInt(r[1]), doc.length - 1);
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + doc.length);
                ex.sendResponseHeaders(206, to - from + 1);
                ex.getResponseBody().write(doc, from, to - from + 1);
                return;
            }
            ex.sendResponseHeaders(200, doc.length);
            ex.getResponseBody().write(doc);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** `acct:name@host` → a self link to the Person, or else the Group, when we serve one by that name. */
    private byte[] webfinger(String query) {
        String prefix = "resource=acct:";
        if (query == null || !query.startsWith(prefix)) return null;
        String acct = query.substring(prefix.length());
        String name = acct.contains("@") ? acct.substring(0, acct.indexOf('@')) : acct;
        String href = documents.containsKey("/users/" + name) ? actor(name)
                : documents.containsKey("/video-channels/" + name) ? channel(name) : null;
        if (href == null) return null;
        ObjectNode jrd = JSON.createObjectNode().put("subject", "acct:" + acct);
        jrd.putArray("links").addObject().put("rel", "self").put("type", "application/activity+json").put("href", href);
        return jrd.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

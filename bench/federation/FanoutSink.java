import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out sink for bench/fanout.sh: one socket on 0.0.0.0:PORT pretends to be ACTORS remote instances,
 * instance i living on its own loopback address (127.0.1.1 … 127.0.1.250, 127.0.2.1 …), so a sender's
 * per-host limits never apply. The Host header says which instance a request is for. Each has an actor
 * {@code http://<addr>:PORT/actor} (type Application, all sharing one RSA-2048 key), an inbox
 * {@code /actor/inbox} and a shared inbox {@code /inbox}. Every POST is answered 202 after LATENCY_MS
 * (50) on its own virtual thread; before that the sink records its arrival time (wall clock), checks its
 * Digest and Signature (the signer's key is fetched once from its keyId's actor document) and keeps the
 * Signature header value, so retries, duplicates and re-signing show.
 *
 * <p>Modes:
 * <ul>
 * <li>{@code serve <port> <actors> <workdir>}: run the sink (writes the shared private key to
 *     workdir/key.pk8 for the baseline). Control, on Host 127.0.0.1 or localhost:
 *     {@code POST /_bench/follow?inbox=<url>&target=<actor url>&timeout=<s>}: every actor POSTs a signed
 *     Follow of target to inbox; waits for an Accept at each actor. {@code GET /_bench/creates?label=&uuid=
 *     &since=<ISO or epoch ms>&expect=&timeout=&settle=}: waits until expect actors got a Create (of the
 *     video uuid, when given), then settle seconds more, and reports arrivals, duplicates and signature
 *     checks. {@code GET /_bench/body?uuid=}: the first Create(Video) body received for that video (without
 *     uuid: a synthetic PeerTube-shaped one).
 *     {@code GET /origin}: the actor the baseline signs as.</li>
 * <li>{@code baseline <port> <actors> <parallel> <label> <workdir> [body file]}: PeerTube's broadcast
 *     model against the sink: one attempt per inbox, {@code parallel} requests in flight, each signed
 *     (RSA-2048) just before it is sent, each on a new connection. Requests carry {@code X-Bench-Run:
 *     <label>} so the sink tells them apart. Without a body file it sends a synthetic Create(Video).</li>
 * </ul>
 */
public final class FanoutSink {
    /** Loopback address of actor i: 250 per /24, skipping .0 and .255. */
    static String hostOf(int i) {
        return "127.0." + (1 + i / 250) + "." + (1 + i % 250);
    }

    /** Actor index of a Host header value, or -1 (control host or unknown). */
    static int indexOf(String host) {
        if (host == null) return -1;
        String h = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        String[] p = h.split("\\.");
        if (p.length != 4 || !p[0].equals("127") || !p[1].equals("0")) return -1;
        try {
            int a = Integer.parseInt(p[2]), b = Integer.parseInt(p[3]);
            return a >= 1 && b >= 1 && b <= 250 ? (a - 1) * 250 + b - 1 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String actorUrl(int i, int port) {
        return "http://" + hostOf(i) + ":" + port + "/actor";
    }

    /** One received POST. */
    record Delivery(String label, int actor, String path, double arrivalMs, String type, String objectType, String objectId,
                    String signature, String keyId, boolean digestOk, boolean sigOk, String why) {}

    final int port, actors;
    final long latencyMs = Long.parseLong(System.getenv().getOrDefault("LATENCY_MS", "50"));
    final KeyPair key = Fed.rsa2048();
    final String pem = Fed.pem(key.getPublic());
    final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    final Map<String, byte[]> firstVideoBody = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<PublicKey>> keys = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AtomicInteger actorFetches = new AtomicInteger();

    FanoutSink(int port, int actors) {
        this.port = port;
        this.actors = actors;
    }

    static double nowMs() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
    }

    void handle(HttpExchange x) throws IOException {
        try (x) {
            int actor = indexOf(x.getRequestHeaders().getFirst("Host"));
            String path = x.getRequestURI().getPath();
            if (x.getRequestMethod().equals("POST") && !path.startsWith("/_bench/")) {
                receive(x, actor, path);
            } else if (actor >= 0 && actor < actors) {
                String id = actorUrl(actor, port);
                switch (path) {
                    case "/actor" -> {
                        actorFetches.incrementAndGet();
                        reply(x, 200, Fed.actorJson(id, "Application", "peertube", id + "/inbox", "http://" + hostOf(actor) + ":" + port + "/inbox", pem));
                    }
                    case "/actor/outbox", "/actor/followers", "/actor/following" -> reply(x, 200, Fed.emptyCollection("http://" + hostOf(actor) + ":" + port + path));
                    default -> reply(x, 404, "{}");
                }
            } else {
                control(x, path, query(x.getRequestURI().getRawQuery()));
            }
        } catch (RuntimeException | InterruptedException e) {
            e.printStackTrace();
            try { reply(x, 500, Fed.Json.write(Map.of("error", e.toString()))); } catch (IOException ignored) { }
        }
    }

    void receive(HttpExchange x, int actor, String path) throws IOException, InterruptedException {
        double arrival = nowMs();
        long deadline = System.nanoTime() + latencyMs * 1_000_000;
        byte[] body = x.getRequestBody().readAllBytes();
        Map<String, String> h = new HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
        String type = null, objectType = null, objectId = null;
        try {
            Object a = Fed.Json.parse(new String(body, StandardCharsets.UTF_8));
            type = (String) Fed.Json.at(a, "type");
            Object o = Fed.Json.at(a, "object");
            if (o instanceof String s) objectId = s;
            else {
                objectType = (String) Fed.Json.at(o, "type");
                objectId = (String) Fed.Json.at(o, "id");
            }
        } catch (RuntimeException e) {
            type = "unparseable";
        }
        Fed.Check c;
        String keyId = Fed.signatureParams(h.get("signature")).get("keyId");
        try {
            c = Fed.verify("POST", path, h, body, keyFor(keyId).join());
        } catch (RuntimeException e) {
            c = new Fed.Check(false, false, keyId, "key: " + e);
        }
        String label = h.getOrDefault("x-bench-run", "tandem");
        deliveries.add(new Delivery(label, actor, path, arrival, type, objectType, objectId, h.get("signature"), keyId,
                c.digestOk(), c.signatureOk(), c.why()));
        if ("tandem".equals(label) && "Create".equals(type) && "Video".equals(objectType) && objectId != null)
            firstVideoBody.putIfAbsent(objectId, body);
        long left = deadline - System.nanoTime();
        if (left > 0) Thread.sleep(Duration.ofNanos(left));
        x.sendResponseHeaders(202, -1);
    }

    /** The signer's public key, fetched once per actor (keyId without its fragment) from its actor document. */
    CompletableFuture<PublicKey> keyFor(String keyId) {
        if (keyId == null) return CompletableFuture.failedFuture(new IllegalArgumentException("no keyId"));
        String actor = keyId.contains("#") ? keyId.substring(0, keyId.indexOf('#')) : keyId;
        return keys.computeIfAbsent(actor, a -> http.sendAsync(HttpRequest.newBuilder(URI.create(a))
                        .header("Accept", "application/activity+json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    try {
                        return Fed.publicKeyFromPem((String) Fed.Json.at(Fed.Json.parse(r.body()), "publicKey", "publicKeyPem"));
                    } catch (Exception e) {
                        throw new IllegalStateException("no usable publicKey at " + a + " (HTTP " + r.statusCode() + ")", e);
                    }
                }).whenComplete((k, e) -> { if (e != null) keys.remove(a); })); // a failed fetch is retried next time
    }

    void control(HttpExchange x, String path, Map<String, String> q) throws IOException, InterruptedException {
        switch (path) {
            case "/_bench/ready" -> reply(x, 200, "{\"ok\":true}");
            case "/origin" -> {
                String id = "http://127.0.0.1:" + port + "/origin";
                reply(x, 200, Fed.actorJson(id, "Person", "origin", id + "/inbox", "http://127.0.0.1:" + port + "/inbox", pem));
            }
            case "/_bench/follow" -> reply(x, 200, Fed.Json.write(follow(URI.create(q.get("inbox")), q.get("target"),
                    Double.parseDouble(q.getOrDefault("timeout", "120")))));
            case "/_bench/creates" -> reply(x, 200, Fed.Json.write(creates(q.getOrDefault("label", "tandem"), q.getOrDefault("uuid", ""),
                    q.getOrDefault("since", ""), Integer.parseInt(q.getOrDefault("expect", Integer.toString(actors))),
                    Double.parseDouble(q.getOrDefault("timeout", "120")), Double.parseDouble(q.getOrDefault("settle", "2")))));
            case "/_bench/body" -> {
                String uuid = q.getOrDefault("uuid", "");
                byte[] b = uuid.isEmpty() ? syntheticCreate("http://127.0.0.1:" + port) : firstVideoBody.entrySet().stream().filter(e -> e.getKey().contains(uuid)).map(Map.Entry::getValue).findFirst().orElse(null);
                if (b == null) reply(x, 404, "{}");
                else {
                    x.sendResponseHeaders(200, b.length);
                    x.getResponseBody().write(b);
                }
            }
            default -> reply(x, 404, "{}");
        }
    }

    /** Every actor follows {@code target} (a signed Follow POSTed to {@code inbox}); then waits for the Accepts. */
    Map<String, Object> follow(URI inbox, String target, double timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> errors = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            ts.add(Thread.ofVirtual().start(() -> {
                try (Fed.Conn c = new Fed.Conn(Fed.address(inbox))) {
                    for (int i; (i = next.getAndIncrement()) < actors; ) {
                        String actor = actorUrl(i, port);
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("@context", "https://www.w3.org/ns/activitystreams");
                        f.put("id", actor + "/follows/1");
                        f.put("type", "Follow");
                        f.put("actor", actor);
                        f.put("object", target);
                        byte[] req = Fed.signedPost(inbox, Fed.Json.write(f).getBytes(StandardCharsets.UTF_8), actor + "#main-key",
                                key.getPrivate(), Fed.now1123());
                        try {
                            int s = c.exchange(req);
                            statuses.merge(s, 1, Integer::sum);
                            if (s >= 300) synchronized (errors) { if (errors.size() < 3) errors.add(s + " " + c.lastBody); }
                        } catch (IOException e) {
                            statuses.merge(0, 1, Integer::sum);
                            synchronized (errors) { if (errors.size() < 3) errors.add(e.toString()); }
                            c.close();
                        }
                    }
                }
            }));
        }
        for (Thread t : ts) t.join();
        double posted = (System.nanoTime() - t0) / 1e9;
        Set<Integer> accepted = new HashSet<>();
        int sigOk = 0;
        long end = t0 + (long) (timeout * 1e9);
        while (true) {
            accepted.clear();
            sigOk = 0;
            for (Delivery d : deliveries) {
                if ("Accept".equals(d.type()) && d.actor() >= 0 && accepted.add(d.actor()) && d.sigOk() && d.digestOk()) sigOk++;
            }
            if (accepted.size() >= actors || System.nanoTime() > end) break;
            Thread.sleep(200);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("follows", (double) actors);
        Map<String, Object> st = new TreeMap<>();
        statuses.forEach((k, v) -> st.put(k == 0 ? "io" : Integer.toString(k), (double) v));
        r.put("statuses", st);
        r.put("errors", errors);
        r.put("postSeconds", posted);
        r.put("accepts", (double) accepted.size());
        r.put("acceptsSignedOk", (double) sigOk);
        r.put("actorFetches", (double) actorFetches.get());
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /** Arrivals of Create deliveries with this label (and video), once {@code expect} actors have one or after timeout. */
    Map<String, Object> creates(String label, String uuid, String since, int expect, double timeout, double settle) throws InterruptedException {
        long end = System.nanoTime() + (long) (timeout * 1e9);
        while (reached(label, uuid).size() < expect && System.nanoTime() < end) Thread.sleep(50);
        Thread.sleep((long) (settle * 1000));
        Map<Integer, List<Delivery>> by = reached(label, uuid);
        double sinceMs = since.isEmpty() ? Double.NaN : since.matches("[0-9.]+") ? Double.parseDouble(since) : Instant.parse(since).toEpochMilli();
        double first = Double.MAX_VALUE, last = 0;
        int deliveries = 0, sigOk = 0, digestOk = 0, oneSignature = 0, maxSignatures = 0, signatureValues = 0;
        Set<String> keyIds = new TreeSet<>(), why = new TreeSet<>();
        Map<String, Object> paths = new TreeMap<>();
        for (List<Delivery> ds : by.values()) {
            deliveries += ds.size();
            boolean allSig = true, allDigest = true;
            Set<String> sigs = new HashSet<>();
            for (Delivery d : ds) {
                first = Math.min(first, d.arrivalMs());
                last = Math.max(last, d.arrivalMs());
                allSig &= d.sigOk();
                allDigest &= d.digestOk();
                if (!d.why().isEmpty() && why.size() < 5) why.add(d.why());
                sigs.add(String.valueOf(d.signature()));
                if (d.keyId() != null) keyIds.add(d.keyId());
                paths.merge(d.path(), 1.0, (a, b) -> (Double) a + (Double) b);
            }
            if (allSig) sigOk++;
            if (allDigest) digestOk++;
            if (sigs.size() == 1) oneSignature++;
            maxSignatures = Math.max(maxSignatures, sigs.size());
            signatureValues += sigs.size();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("uuid", uuid);
        r.put("reached", (double) by.size());
        r.put("deliveries", (double) deliveries);
        r.put("duplicates", (double) (deliveries - by.size()));
        r.put("sigOk", (double) sigOk);
        r.put("digestOk", (double) digestOk);
        r.put("signatureValues", (double) signatureValues);
        r.put("inboxesWithOneSignature", (double) oneSignature);
        r.put("maxSignaturesPerInbox", (double) maxSignatures);
        r.put("problems", new ArrayList<>(why));
        r.put("keyIds", new ArrayList<>(keyIds));
        r.put("paths", paths);
        r.put("firstMs", by.isEmpty() ? Double.NaN : first);
        r.put("lastMs", by.isEmpty() ? Double.NaN : last);
        r.put("sinceMs", sinceMs);
        r.put("firstAfterS", (first - sinceMs) / 1000);
        r.put("lastAfterS", (last - sinceMs) / 1000);
        r.put("spreadS", (last - first) / 1000);
        return r;
    }

    /** Create deliveries of a label (of the video uuid unless empty) to real actors, by actor. */
    Map<Integer, List<Delivery>> reached(String label, String uuid) {
        Map<Integer, List<Delivery>> by = new TreeMap<>();
        for (Delivery d : deliveries) {
            if (!label.equals(d.label()) || !"Create".equals(d.type()) || d.actor() < 0) continue;
            if (!uuid.isEmpty() && (d.objectId() == null || !d.objectId().contains(uuid))) continue;
            by.computeIfAbsent(d.actor(), k -> new ArrayList<>()).add(d);
        }
        return by;
    }

    static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", status == 200 && body.startsWith("{\"@context\"")
                ? "application/activity+json; charset=utf-8" : "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) return q;
        for (String kv : raw.split("&")) {
            int e = kv.indexOf('=');
            if (e > 0) q.put(URLDecoder.decode(kv.substring(0, e), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(e + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    // ---- the baseline: PeerTube's broadcast model ---------------------------------------------------

    /** A Create(Video) shaped like PeerTube's (about 4 KB), for runs without a body captured from Tandem. */
    static byte[] syntheticCreate(String origin) {
        String uuid = "00000000-0000-4000-8000-000000000001", video = origin + "/videos/watch/" + uuid;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "Video");
        v.put("id", video);
        v.put("name", "Synthetic benchmark video");
        v.put("duration", "PT2S");
        v.put("uuid", uuid);
        v.put("views", 0.0);
        v.put("sensitive", false);
        v.put("waitTranscoding", true);
        v.put("state", 1.0);
        v.put("commentsEnabled", true);
        v.put("downloadEnabled", true);
        v.put("published", "2026-01-01T00:00:00.000Z");
        v.put("updated", "2026-01-01T00:00:00.000Z");
        v.put("mediaType", "text/markdown");
        v.put("content", "A two second test pattern. ".repeat(8));
        v.put("icon", List.of(Map.of("type", "Image", "url", origin + "/lazy-static/thumbnails/" + uuid + ".jpg", "mediaType", "image/jpeg", "width", 280.0, "height", 157.0)));
        List<Object> url = new ArrayList<>();
        url.add(Map.of("type", "Link", "mediaType", "text/html", "href", video));
        for (int res : new int[] {720, 480, 360, 240}) {
            url.add(Map.of("type", "Link", "mediaType", "video/mp4", "href", origin + "/static/streaming-playlists/hls/" + uuid + "/" + uuid + "-" + res + "-fragmented.mp4",
                    "height", (double) res, "width", res * 16 / 9.0, "size", 123456.0, "fps", 30.0));
            url.add(Map.of("type", "Link", "rel", List.of("metadata", "video/mp4"), "mediaType", "application/json",
                    "href", origin + "/api/v1/videos/" + uuid + "/metadata/" + res, "height", (double) res, "fps", 30.0));
        }
        url.add(Map.of("type", "Link", "mediaType", "application/x-mpegURL", "href", origin + "/static/streaming-playlists/hls/" + uuid + "/master.m3u8", "tag", List.of()));
        v.put("url", url);
        v.put("attributedTo", List.of(Map.of("type", "Person", "id", origin + "/accounts/root"), Map.of("type", "Group", "id", origin + "/video-channels/root_channel")));
        v.put("to", List.of(Fed.AS_PUBLIC));
        v.put("cc", List.of(origin + "/accounts/root/followers"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("@context", List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"));
        a.put("id", video + "/activity");
        a.put("type", "Create");
        a.put("actor", origin + "/accounts/root");
        a.put("to", List.of(Fed.AS_PUBLIC));
        a.put("cc", List.of(origin + "/accounts/root/followers"));
        a.put("object", v);
        return Fed.Json.write(a).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> baseline(int port, int actors, int parallel, String label, PrivateKey key, byte[] body) throws Exception {
        String keyId = "http://127.0.0.1:" + port + "/origin#main-key";
        // Warm the JIT first: PeerTube signs with native OpenSSL, which has no warm-up.
        for (int i = 0; i < 300; i++) Fed.rsaSha256(key, "warm-up " + i);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        double start = nowMs();
        long t0 = System.nanoTime();
        for (int w = 0; w < parallel; w++) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < actors; ) {
                    URI inbox = URI.create("http://" + hostOf(i) + ":" + port + "/inbox");
                    byte[] req = Fed.signedPost(inbox, body, keyId, key, Fed.now1123(), "X-Bench-Run: " + label, "Connection: close");
                    try (Fed.Conn c = new Fed.Conn(Fed.address(inbox))) {
                        statuses.merge(c.exchange(req), 1, Integer::sum);
                    } catch (IOException e) {
                        statuses.merge(0, 1, Integer::sum);
                    }
                }
            }));
        }
        for (Thread t : ts) t.join();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("startMs", start);
        r.put("senderSeconds", (System.nanoTime() - t0) / 1e9);
        r.put("senderCpuS", Fed.selfCpuSeconds());
        Map<String, Object> st = new TreeMap<>();
        statuses.forEach((k, v) -> st.put(k == 0 ? "io" : Integer.toString(k), (double) v));
        r.put("statuses", st);
        r.put("bodyBytes", (double) body.length);
        return r;
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("serve")) {
            int port = Integer.parseInt(args[1]);
            FanoutSink s = new FanoutSink(port, Integer.parseInt(args[2]));
            Files.writeString(Path.of(args[3], "key.pk8"), Base64.getEncoder().encodeToString(s.key.getPrivate().getEncoded()));
            HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 4096);
            server.createContext("/", s::handle);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            System.err.println("fan-out sink listening on 0.0.0.0:" + port + " for " + s.actors + " actors (" + hostOf(0) + " … "
                    + hostOf(s.actors - 1) + "), " + s.latencyMs + " ms per POST");
        } else if (args.length >= 6 && args[0].equals("baseline")) {
            int port = Integer.parseInt(args[1]);
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(Files.readString(Path.of(args[5], "key.pk8")))));
            byte[] body = args.length > 6 ? Files.readAllBytes(Path.of(args[6])) : syntheticCreate("http://127.0.0.1:" + port);
            System.out.println(Fed.Json.write(baseline(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], key, body)));
        } else {
            System.err.println("usage: FanoutSink serve <port> <actors> <workdir> | baseline <port> <actors> <parallel> <label> <workdir> [body file]");
            System.exit(2);
        }
    }
}

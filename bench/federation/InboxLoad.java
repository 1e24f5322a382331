import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Inbox throughput for bench/inbox.sh: a fake remote instance posts signed Create(Note) comments on one
 * video to Tandem's shared inbox as fast as Tandem accepts them.
 *
 * <p>The fake instance is a JDK HttpServer on HOST (127.0.0.2) serving ACTORS Person actors, each with
 * its own RSA-2048 key, their notes (Tandem may fetch a note's id to check it), empty collections, and
 * inboxes that answer 202. Each run signs WARMUP+N requests before any clock starts (body, Date, Digest,
 * Signature, as raw HTTP/1.1 bytes), posts the WARMUP ones (the first make Tandem fetch the actors), waits
 * for Tandem to go idle, then posts the N measured ones over CONC keep-alive connections, one request in
 * flight per connection. Activity ids carry a per-process nonce and the run number, so no two requests
 * repeat an id (Tandem answers 409 to a repeat).
 *
 * <p>Usage: {@code java InboxLoad <tandem base url> <video uuid>}. Env: N (20000), CONC (16), ACTORS (20),
 * WARMUP (1000), RUNS (3), HOST (127.0.0.2), SERVER_PID (Tandem's pid: CPU from /proc), CLIENT_CPU (pin
 * this process there with taskset while posting; unpinned while signing), CRYPTO_SECONDS (3).
 *
 * <p>Prints one JSON line per run, then one with the in-process single-thread RSA-2048 rates (the crypto
 * bound the inbox is compared with). Figures: accepted/s (202s over the window), p50/p99 latency,
 * errors by status, Tandem's CPU seconds in the window and until it went idle after it (its processing is
 * asynchronous), Δ of tandem_federation_signature_verify_seconds_{count,sum} from /metrics, and the
 * generator's own CPU use in cores (near 1.0 on one CPU means the generator, not Tandem, set the pace).
 */
public final class InboxLoad {
    static final String VERIFY_METRIC = "tandem_federation_signature_verify_seconds";

    final URI base, inbox;
    final String videoUrl, host, nonce = Long.toString(System.currentTimeMillis(), 36);
    final int actors;
    final KeyPair[] keys;
    final HttpServer remote;
    final String remoteBase, published = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    final long serverPid;

    InboxLoad(URI base, String uuid, String host, int actors) throws IOException, InterruptedException {
        this.base = base;
        this.inbox = base.resolve("/inbox");
        this.videoUrl = base.resolve("/videos/watch/" + uuid).toString();
        this.host = host;
        this.actors = actors;
        this.serverPid = Long.parseLong(System.getenv().getOrDefault("SERVER_PID", "0"));
        long t0 = System.nanoTime();
        keys = new KeyPair[actors];
        try (ExecutorService ex = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < actors; i++) {
                int k = i;
                ex.submit(() -> keys[k] = Fed.rsa2048());
            }
        }
        System.err.printf("generated %d RSA-2048 keys in %.1fs%n", actors, (System.nanoTime() - t0) / 1e9);
        remote = HttpServer.create(new InetSocketAddress(host, 0), 1024);
        remoteBase = "http://" + host + ":" + remote.getAddress().getPort();
        remote.createContext("/", this::serve);
        remote.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        remote.start();
    }

    String actor(int i) {
        return remoteBase + "/actors/a" + i;
    }

    /** The Note object of comment {@code id} by actor {@code i}: the same JSON inline and when fetched. */
    Map<String, Object> note(int i, String id) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", actor(i) + "/notes/" + id);
        n.put("type", "Note");
        n.put("content", "Benchmark comment " + id + " from a" + i);
        n.put("mediaType", "text/markdown");
        n.put("inReplyTo", videoUrl);
        n.put("attributedTo", actor(i));
        n.put("published", published);
        n.put("url", actor(i) + "/notes/" + id);
        n.put("to", List.of(Fed.AS_PUBLIC));
        n.put("cc", List.of());
        return n;
    }

    byte[] createNote(int i, String id) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("@context", List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"));
        a.put("id", actor(i) + "/notes/" + id + "/activity");
        a.put("type", "Create");
        a.put("actor", actor(i));
        a.put("to", List.of(Fed.AS_PUBLIC));
        a.put("cc", List.of());
        a.put("object", note(i, id));
        return Fed.Json.write(a).getBytes(StandardCharsets.UTF_8);
    }

    void serve(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String[] p = path.split("/");
            served.computeIfAbsent(x.getRequestMethod() + " " + (p.length > 3 ? p[3] : p.length > 2 ? "actor" : path), k -> new LongAdder()).increment();
            x.getRequestBody().readAllBytes();
            if (x.getRequestMethod().equals("POST")) {
                x.sendResponseHeaders(202, -1);
                return;
            }
            String body = null;
            // /actors/a<i>[/notes/<id> | /outbox | /followers | /following]
            if (p.length >= 3 && p[1].equals("actors") && p[2].startsWith("a")) {
                int i = Integer.parseInt(p[2].substring(1));
                if (i >= 0 && i < actors) {
                    String id = actor(i);
                    if (p.length == 3) {
                        body = Fed.actorJson(id, "Person", "a" + i, id + "/inbox", remoteBase + "/inbox", Fed.pem(keys[i].getPublic()));
                    } else if (p.length == 5 && p[3].equals("notes")) {
                        Map<String, Object> n = note(i, p[4]);
                        n.put("@context", List.of("https://www.w3.org/ns/activitystreams"));
                        body = Fed.Json.write(n);
                    } else if (p.length == 4) {
                        body = Fed.emptyCollection(id + "/" + p[3]);
                    }
                }
            }
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/activity+json; charset=utf-8");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
        } catch (RuntimeException e) {
            x.sendResponseHeaders(500, -1);
        }
    }

    /** Signs {@code count} comments of run {@code run} on all CPUs; request k comes from actor k % ACTORS. */
    byte[][] presign(String run, int count) throws Exception {
        byte[][] out = new byte[count][];
        int threads = Runtime.getRuntime().availableProcessors();
        try (ExecutorService ex = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                fs.add(ex.submit(() -> {
                    for (int k = from; k < count; k += threads) {
                        int i = k % actors;
                        out[k] = Fed.signedPost(inbox, createNote(i, nonce + "-" + run + "-" + k), actor(i) + "#main-key",
                                keys[i].getPrivate(), Fed.now1123());
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        }
        return out;
    }

    /** The outcome of posting a batch. */
    record Batch(double seconds, long[] latNanos, Map<Integer, Integer> statuses, int ioErrors, String sampleError, double genCpu) {
        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }
    }

    /** Posts all requests over {@code conc} connections, each with one request in flight, and waits for all answers. */
    Batch post(byte[][] reqs, int conc) throws InterruptedException {
        long[] lat = new long[reqs.length];
        int[] status = new int[reqs.length];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger io = new AtomicInteger();
        String[] sample = new String[1];
        CountDownLatch ready = new CountDownLatch(conc), go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < conc; c++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try (Fed.Conn conn = new Fed.Conn(Fed.address(inbox))) {
                    ready.countDown();
                    go.await();
                    for (int k; (k = next.getAndIncrement()) < reqs.length; ) {
                        long t = System.nanoTime();
                        try {
                            status[k] = conn.exchange(reqs[k]);
                            if (status[k] != 202 && sample[0] == null) sample[0] = status[k] + " " + conn.lastBody;
                        } catch (IOException e) {
                            io.incrementAndGet();
                            if (sample[0] == null) sample[0] = e.toString();
                            conn.close();
                        }
                        lat[k] = System.nanoTime() - t;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ready.await();
        double cpu0 = Fed.selfCpuSeconds();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : ts) t.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        double genCpu = (Fed.selfCpuSeconds() - cpu0) / secs;
        Map<Integer, Integer> st = new TreeMap<>();
        for (int s : status) if (s != 0) st.merge(s, 1, Integer::sum);
        return new Batch(secs, lat, st, io.get(), sample[0], genCpu);
    }

    /** Sum of every series of a metric (any labels) in Tandem's Prometheus text; NaN when absent. */
    double metric(String name) {
        try (Fed.Conn c = new Fed.Conn(Fed.address(base))) {
            if (c.exchange(Fed.get(base.resolve("/metrics"), "text/plain")) != 200) return Double.NaN;
            double sum = 0;
            boolean found = false;
            for (String line : c.lastBody.split("\n")) {
                if (!line.startsWith(name)) continue;
                String rest = line.substring(name.length());
                if (!(rest.startsWith(" ") || rest.startsWith("{"))) continue;
                String[] f = rest.replaceAll("\\{[^}]*}", "").trim().split("\\s+");
                sum += Double.parseDouble(f[0]);
                found = true;
            }
            return found ? sum : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Waits until Tandem's inbox queue is empty (asked through the admin API when TOKEN is set) and it
     * uses under 5% of a core over half a second; returns the seconds waited. CPU alone is not enough:
     * a pause in processing (a checkpoint, a GC) looks idle while thousands of activities still wait.
     */
    double waitIdle(double maxSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        if (serverPid <= 0) return 0;
        double last = Fed.procCpuSeconds(serverPid);
        while ((System.nanoTime() - t0) / 1e9 < maxSeconds) {
            Thread.sleep(500);
            double now = Fed.procCpuSeconds(serverPid);
            if (now - last < 0.025 && queueEmpty()) break;
            last = now;
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static final String TOKEN = System.getenv("TOKEN");
    private static final java.net.http.HttpClient ADMIN = java.net.http.HttpClient.newHttpClient();

    /** No inbox job waiting or running; true when no admin token was given (CPU idleness decides alone). */
    private boolean queueEmpty() {
        if (TOKEN == null || TOKEN.isBlank()) return true;
        for (String state : List.of("waiting", "active")) {
            try {
                var req = java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + state + "?jobType=activitypub-inbox&count=1"))
                        .header("Authorization", "Bearer " + TOKEN).build();
                String body = ADMIN.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (!body.contains("\"total\":0")) return false;
            } catch (java.io.IOException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    static void taskset(String cpus) {
        if (cpus == null || cpus.isBlank()) return;
        try {
            new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java InboxLoad <tandem base url> <video uuid>");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        int n = Integer.parseInt(env.getOrDefault("N", "20000"));
        int conc = Integer.parseInt(env.getOrDefault("CONC", "16"));
        int warm = Integer.parseInt(env.getOrDefault("WARMUP", "1000"));
        int runs = Integer.parseInt(env.getOrDefault("RUNS", "3"));
        String clientCpu = env.get("CLIENT_CPU");
        String allCpus = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        InboxLoad l = new InboxLoad(URI.create(args[0]), args[1], env.getOrDefault("HOST", "127.0.0.2"),
                Integer.parseInt(env.getOrDefault("ACTORS", "20")));
        System.err.println("fake remote instance at " + l.remoteBase + ", " + l.actors + " actors");
        for (int run = 1; run <= runs; run++) {
            if (clientCpu != null) taskset(allCpus);
            long t0 = System.nanoTime();
            byte[][] all = l.presign("r" + run, warm + n);
            double presignS = (System.nanoTime() - t0) / 1e9;
            System.err.printf("run %d: signed %d requests in %.1fs (%.0f/s on %d threads)%n", run, all.length, presignS,
                    all.length / presignS, Runtime.getRuntime().availableProcessors());
            if (clientCpu != null) taskset(clientCpu);
            Batch w = l.post(Arrays.copyOfRange(all, 0, warm), conc);
            System.err.printf("run %d: warm-up %d requests: %s, io errors %d%s%n", run, warm, w.statuses(), w.ioErrors(),
                    w.sampleError() == null ? "" : ", first error: " + w.sampleError());
            double idleWait = l.waitIdle(120);
            double cnt0 = l.metric(VERIFY_METRIC + "_count"), sum0 = l.metric(VERIFY_METRIC + "_sum");
            double cpu0 = Fed.procCpuSeconds(l.serverPid);
            Batch b = l.post(Arrays.copyOfRange(all, warm, all.length), conc);
            double cpu1 = Fed.procCpuSeconds(l.serverPid);
            double cnt1 = l.metric(VERIFY_METRIC + "_count"), sum1 = l.metric(VERIFY_METRIC + "_sum");
            double drain = l.waitIdle(120);
            double cpu2 = Fed.procCpuSeconds(l.serverPid);
            long[] sorted = b.latNanos().clone();
            Arrays.sort(sorted);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", (double) run);
            r.put("requests", (double) n);
            r.put("conc", (double) conc);
            r.put("accepted", (double) b.count(202));
            r.put("seconds", b.seconds());
            r.put("acceptedPerSec", b.count(202) / b.seconds());
            r.put("p50Ms", pct(sorted, 0.50));
            r.put("p99Ms", pct(sorted, 0.99));
            Map<String, Object> errs = new TreeMap<>();
            b.statuses().forEach((s, c) -> { if (s != 202) errs.put(Integer.toString(s), (double) c); });
            if (b.ioErrors() > 0) errs.put("io", (double) b.ioErrors());
            r.put("errors", errs);
            r.put("sampleError", b.sampleError());
            r.put("serverCpuS", cpu1 - cpu0);
            r.put("serverCpuWithDrainS", cpu2 - cpu0);
            r.put("drainS", drain);
            r.put("idleWaitBeforeS", idleWait);
            r.put("verifyCount", cnt1 - cnt0);
            r.put("verifySumS", sum1 - sum0);
            r.put("verifyShare", (sum1 - sum0) / (cpu1 - cpu0));
            r.put("genCores", b.genCpu());
            r.put("presignPerSec", all.length / presignS);
            System.out.println(Fed.Json.write(r));
            System.out.flush();
        }
        if (clientCpu != null) taskset(clientCpu);
        double[] rates = Fed.rsaRates(l.keys[0], Double.parseDouble(env.getOrDefault("CRYPTO_SECONDS", "3")));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cryptoSignPerSec", rates[0]);
        c.put("cryptoVerifyPerSec", rates[1]);
        Map<String, Object> fetched = new TreeMap<>();
        l.served.forEach((k, v) -> fetched.put(k, (double) v.sum()));
        c.put("remoteServed", fetched);
        System.out.println(Fed.Json.write(c));
        l.remote.stop(0);
        System.exit(0);
    }
}

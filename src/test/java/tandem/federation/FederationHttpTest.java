package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.Signer;
import tandem.federation.signature.VerifiedSignature;
import tandem.federation.transport.AddressPolicy;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.transport.FetchResult;
import tandem.federation.transport.ForbiddenAddressException;

class FederationHttpTest {
    private static final Signer ALICE = new Signer("https://alice.example/accounts/alice#main-key", TestKeys.ALICE_PRIVATE);
    private static final byte[] ACTIVITY = "{\"type\":\"Create\",\"id\":\"https://alice.example/a/1\"}".getBytes(StandardCharsets.UTF_8);

    private final ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<Captured> captured = new AtomicReference<>();
    private HttpServer server;
    private String base;
    private FederationHttp http;

    /** What the server saw of one request: enough to verify its signature as an inbox would. */
    private record Captured(String method, String pathAndQuery, Headers headers, byte[] body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        http = client(new AddressPolicy(List.of("127.0.0.1")), Duration.ofSeconds(5), 3_000_000);
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static FederationHttp client(AddressPolicy policy, Duration timeout, long maxBytes) {
        return new FederationHttp(policy, timeout, maxBytes, "Tandem/test (+http://127.0.0.1)", Clock.systemUTC());
    }

    private void handle(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        captured.set(new Captured(exchange.getRequestMethod(), query == null ? path : path + "?" + query,
                exchange.getRequestHeaders(), body));
        switch (path) {
            case "/actor" -> json(exchange, 200, "{\"id\":\"" + base + "/actor\",\"type\":\"Person\"}");
            case "/liar" -> json(exchange, 200, "{\"id\":\"https://victim.example/actor\"}");
            case "/no-id" -> json(exchange, 200, "{\"type\":\"Person\"}");
            case "/redirect-once" -> redirect(exchange, "/actor");
            case "/to-other-host" -> redirect(exchange, "http://localhost:" + server.getAddress().getPort() + "/on-localhost");
            case "/on-localhost" -> json(exchange, 200, "{\"id\":\"http://localhost:" + server.getAddress().getPort() + "/on-localhost\"}");
            case "/loop" -> redirect(exchange, "/loop");
            case "/to-private" -> redirect(exchange, "http://10.0.0.1/actor");
            case "/big" -> stream(exchange, 0);
            case "/big-declared" -> stream(exchange, 10 << 20);
            case "/slow" -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                json(exchange, 200, "{}");
            }
            case "/inbox" -> empty(exchange, 202);
            case "/inbox-500" -> empty(exchange, 500);
            case "/inbox-400" -> empty(exchange, 400);
            case "/inbox-429" -> empty(exchange, 429);
            case "/inbox-moved" -> redirect(exchange, "/inbox");
            default -> empty(exchange, 404);
        }
    }

    private static void json(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/activity+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        empty(exchange, 302);
    }

    private static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Ten megabytes of JSON-ish filler, chunked (length 0) or declared; the client hangs up early. */
    private static void stream(HttpExchange exchange, long declared) throws IOException {
        exchange.sendResponseHeaders(200, declared);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 160; i++) {
                out.write(chunk);
            }
        } catch (IOException expected) {
            // The client hung up after its cap, which is what the test wants; nothing to do but stop writing.
            exchange.close();
        }
    }

    @Test
    void fetches_an_activitypub_document() {
        FetchResult result = http.fetchJson(URI.create(base + "/actor"), null);
        assertThat(result.finalUrl()).isEqualTo(URI.create(base + "/actor"));
        assertThat(result.body().path("type").asText()).isEqualTo("Person");
        Captured request = captured.get();
        assertThat(request.headers().getFirst("Accept"))
                .isEqualTo("application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        assertThat(request.headers().getFirst("User-Agent")).isEqualTo("Tandem/test (+http://127.0.0.1)");
        assertThat(request.headers().getFirst("Signature")).isNull();
    }

    @Test
    void signed_fetch_follows_a_redirect_and_signs_the_final_hop() {
        FetchResult result = http.fetchJson(URI.create(base + "/redirect-once"), ALICE);
        assertThat(result.finalUrl()).isEqualTo(URI.create(base + "/actor"));
        Captured request = captured.get();
        assertThat(request.pathAndQuery()).isEqualTo("/actor");
        VerifiedSignature v = new HttpSignatures(Duration.ofSeconds(1800)).verify("GET", request.pathAndQuery(),
                request.headers()::getFirst, null, (actor, refresh) -> TestKeys.ALICE_PUBLIC, Instant.now());
        assertThat(v.actorUrl()).isEqualTo("https://alice.example/accounts/alice");
    }

    @Test
    void a_redirect_cannot_lend_one_host_url_to_another_host_document() {
        FederationHttp both = client(new AddressPolicy(List.of("127.0.0.1", "localhost")), Duration.ofSeconds(5), 3_000_000);
        try {
            assertThatThrownBy(() -> both.fetchJson(URI.create(base + "/to-other-host"), null))
                    .isInstanceOf(FederationHttpException.class).hasMessageContaining("differs from");
        } finally {
            both.close();
        }
    }

    @Test
    void object_whose_id_names_another_host_is_rejected() {
        assertThatThrownBy(() -> http.fetchJson(URI.create(base + "/liar"), null))
                .isInstanceOf(FederationHttpException.class)
                .hasMessage("object id host victim.example differs from 127.0.0.1:" + server.getAddress().getPort());
        assertThatThrownBy(() -> http.fetchJson(URI.create(base + "/no-id"), null))
                .isInstanceOf(FederationHttpException.class)
                .hasMessageEndingWith("has no id");
    }

    @Test
    void chunked_body_over_the_cap_is_abandoned_quickly() {
        assertCapped("/big");
    }

    @Test
    void declared_length_over_the_cap_is_refused_before_reading() {
        assertCapped("/big-declared");
    }

    /** The server offers 10 MB; with a 64 KiB cap the client gives up at once, not after reading it all. */
    private void assertCapped(String path) {
        try (FederationHttp capped = client(new AddressPolicy(List.of("127.0.0.1")), Duration.ofSeconds(5), 64 * 1024)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> capped.fetchJson(URI.create(base + path), null))
                    .isInstanceOf(FederationHttpException.class)
                    .hasMessageContaining("response larger than 65536 bytes")
                    .satisfies(e -> assertThat(((FederationHttpException) e).retryable()).isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void redirect_loop_stops_after_three_redirects() {
        assertThatThrownBy(() -> http.fetchJson(URI.create(base + "/loop"), null))
                .isInstanceOf(FederationHttpException.class)
                .hasMessage("more than 3 redirects fetching " + base + "/loop");
        assertThat(hits).hasValue(4);
    }

    @Test
    void redirect_to_a_private_address_is_refused_before_connecting() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.fetchJson(URI.create(base + "/to-private"), null))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessageContaining("10.0.0.1");
        // A connection attempt to 10.0.0.1 would hang until the connect timeout (5 s).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(hits).hasValue(1);
    }

    @Test
    void slow_server_times_out_within_the_budget() {
        FederationHttp impatient = client(new AddressPolicy(List.of("127.0.0.1")), Duration.ofMillis(500), 3_000_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.fetchJson(URI.create(base + "/slow"), null))
                .isInstanceOf(FederationHttpException.class)
                .hasMessageContaining("timed out after 500 ms")
                .satisfies(e -> assertThat(((FederationHttpException) e).retryable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
        impatient.close();
    }

    @Test
    void post_is_signed_so_that_the_receiving_server_verifies_it() {
        int status = http.post(URI.create(base + "/inbox"), ACTIVITY, ALICE);
        assertThat(status).isEqualTo(202);

        Captured request = captured.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(ACTIVITY);
        assertThat(request.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
        assertThat(request.headers().getFirst("Host")).isEqualTo(HttpSignatures.host(URI.create(base + "/inbox")));
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/activity+json");
        assertThat(request.headers().getFirst("Accept")).isEqualTo("application/activity+json");
        assertThat(request.headers().getFirst("User-Agent")).isEqualTo("Tandem/test (+http://127.0.0.1)");
        VerifiedSignature v = new HttpSignatures(Duration.ofSeconds(1800)).verify(request.method(), request.pathAndQuery(),
                request.headers()::getFirst, request.body(), (actor, refresh) -> TestKeys.ALICE_PUBLIC, Instant.now());
        assertThat(v.keyId()).isEqualTo(ALICE.keyId());
    }

    @Test
    void post_failures_say_whether_a_retry_can_help() {
        assertThat(postFailure("/inbox-500")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(postFailure("/inbox-429").retryable()).isTrue();
        assertThat(postFailure("/inbox-400")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(postFailure("/inbox-moved")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(302);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(hits).hasValue(4);
    }

    @Test
    void connection_refused_is_retryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FederationHttpException e = postFailure("http://127.0.0.1:" + closedPort + "/inbox");
        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void loopback_without_allow_list_is_refused_and_never_contacted() {
        FederationHttp strict = client(new AddressPolicy(List.of()), Duration.ofSeconds(5), 3_000_000);
        assertThatThrownBy(() -> strict.fetchJson(URI.create(base + "/actor"), null))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessage("plain http is only allowed to allow-listed hosts, not 127.0.0.1");
        assertThatThrownBy(() -> strict.post(URI.create(base.replace("http:", "https:") + "/inbox"), ACTIVITY, ALICE))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessage("host 127.0.0.1 is not allowed: it is not a public address");
        assertThat(hits).hasValue(0);
        strict.close();
    }

    @Test
    void many_virtual_threads_share_one_client() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(callers.submit(() -> http.post(URI.create(base + "/inbox"), ACTIVITY, ALICE)));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(202);
            }
        }
        assertThat(hits).hasValue(50);
    }

    private FederationHttpException postFailure(String pathOrUrl) {
        URI target = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        try {
            http.post(target, ACTIVITY, ALICE);
        } catch (FederationHttpException e) {
            return e;
        }
        throw new AssertionError("POST " + target + " did not fail");
    }
}

package tandem.federation.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tandem.core.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.Signer;

/**
 * The outbound HTTP client of federation: signed GETs of ActivityPub documents and signed POSTs to
 * inboxes. Every URL passes the {@link AddressPolicy} first (redirect hops included), responses are
 * capped in time and size, and a fetched object must come from the host that its {@code id} names.
 * One instance is shared by all callers, many virtual threads at once.
 */
public final class FederationHttp implements AutoCloseable {
    /** PeerTube follows redirects too; three hops cover http→https→canonical host without allowing loops. */
    static final int MAX_REDIRECTS = 3;
    private static final String ACCEPT_AP =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    private static final String ACTIVITY_JSON = "application/activity+json";

    /** Inbox answers are read only to quote a refusal's reason. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final AddressPolicy policy;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final String userAgent;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();
    /** Callbacks of the client run on virtual threads, so 1,000 parallel deliveries do not mean 1,000 platform threads. */
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Both clients are built on first use: building them loads the TLS stack and the trust store and
     * starts the JDK client's selector thread, a few MB that an instance which has not federated yet
     * (most of them, most of the time after a start) would carry for nothing.
     */
    private volatile HttpClient client;
    private volatile InboxClient inboxes;

    /**
     * @param timeout the whole budget of one call, redirects and body included (PeerTube uses 7 s)
     * @param maxResponseBytes the largest body we read (PeerTube: 3 MB)
     */
    public FederationHttp(AddressPolicy policy, Duration timeout, long maxResponseBytes, String userAgent, Clock clock) {
        this.policy = policy;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c != null) return c;
        synchronized (this) {
            if (client == null) {
                // Redirects are followed by hand: the JDK would follow them without asking the AddressPolicy.
                client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor)
                        .build();
            }
            return client;
        }
    }

    private InboxClient inboxes() {
        InboxClient c = inboxes;
        if (c != null) return c;
        synchronized (this) {
            if (inboxes == null) inboxes = new InboxClient(tlsSockets(), userAgent);
            return inboxes;
        }
    }

    /** GETs an ActivityPub document, signed when a signer is given (PeerTube's authorized fetch). */
    public FetchResult fetchJson(URI url, Signer signer) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            policy.check(current);
            HttpRequest.Builder request = request(current, deadline).GET().header("Accept", ACCEPT_AP);
            if (signer != null) {
                addSigned(request, HttpSignatures.signGet(signer, current, clock.instant()));
            }
            HttpResponse<byte[]> response = exchange(request.build(), CappedBody.handler(maxResponseBytes), deadline);
            int status = response.statusCode();
            if (isRedirect(status)) {
                if (redirects == MAX_REDIRECTS) {
                    throw FederationHttpException.refused("more than " + MAX_REDIRECTS + " redirects fetching " + url);
                }
                current = nextHop(current, response);
                continue;
            }
            if (status / 100 != 2) {
                throw FederationHttpException.status(status, "GET", current);
            }
            JsonNode body = parse(response.body(), current);
            // Against the URL we asked for, not the last hop: a redirect must not lend one host's URL to another's document.
            checkId(body, url);
            return new FetchResult(current, body);
        }
    }

    /** GETs a media file (a thumbnail) unsigned, without redirects, at most `maxBytes`. */
    public byte[] fetchBytes(URI url, long maxBytes) {
        policy.check(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<byte[]> response = exchange(request(url, deadline).GET().build(), CappedBody.handler(Math.min(maxBytes, maxResponseBytes)), deadline);
        if (response.statusCode() / 100 != 2) throw FederationHttpException.status(response.statusCode(), "GET", url);
        return response.body();
    }

    /**
     * GETs bytes {@code start}..{@code endInclusive} of a media file (a mirror's segment) with a
     * {@code Range} header, unsigned, without redirects. A server that ignores the range and sends
     * the whole file is refused rather than read: the check wants exactly those bytes.
     */
    public byte[] fetchRange(URI url, long start, long endInclusive) {
        policy.check(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest r = request(url, deadline).GET().header("Range", "bytes=" + start + "-" + endInclusive).build();
        HttpResponse<byte[]> response = exchange(r, CappedBody.handler(Math.min(endInclusive - start + 1, maxResponseBytes)), deadline);
        if (response.statusCode() != 206) throw FederationHttpException.status(response.statusCode(), "GET (range)", url);
        return response.body();
    }

    /**
     * The status of a GET of {@code url} answered within {@code within} (the body is discarded): a
     * reachability probe that an API request may wait on, so its budget is short and its own.
     */
    public int probe(URI url, Duration within) {
        policy.check(url);
        long deadline = System.nanoTime() + within.toNanos();
        return exchange(request(url, deadline).GET().build(), HttpResponse.BodyHandlers.discarding(), deadline).statusCode();
    }

    /**
     * POSTs an activity to an inbox and returns the 2xx status. Redirects are not followed: an inbox
     * that moves is a failure, and following it would re-send a signed body to a place we did not choose.
     * Sent by {@link InboxClient} to the addresses the policy checked.
     */
    public int post(URI inbox, byte[] body, Signer signer) {
        List<InetAddress> addresses = policy.addresses(inbox);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> headers = HttpSignatures.signPost(signer, inbox, body, clock.instant());
        headers.put("Content-Type", ACTIVITY_JSON);
        headers.put("Accept", ACTIVITY_JSON);
        InboxClient.Answer answer;
        try {
            answer = inboxes().post(inbox, addresses, headers, body, MAX_ERROR_BODY, deadline);
        } catch (SocketTimeoutException e) {
            throw FederationHttpException.io("POST " + inbox + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw FederationHttpException.io("POST " + inbox + " failed: " + e, e);
        }
        if (answer.status() / 100 != 2) {
            throw FederationHttpException.status(answer.status(), "POST", inbox, new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.status();
    }

    /** Cuts in-flight requests short; for shutdown, when delivery jobs will be retried from the job table. */
    @Override
    public void close() {
        HttpClient c;
        synchronized (this) {
            c = client;
        }
        if (c != null) c.shutdownNow();
        executor.shutdownNow();
    }

    private static SSLSocketFactory tlsSockets() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private HttpRequest.Builder request(URI uri, long deadline) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                .header("User-Agent", userAgent);
    }

    /**
     * Adds the signed headers except Host: the JDK forbids setting it and derives it from the URI
     * exactly as {@link HttpSignatures#host} does, so the signed value is the one sent.
     */
    private static void addSigned(HttpRequest.Builder request, Map<String, String> signed) {
        signed.forEach((name, value) -> {
            if (!name.equals("Host")) {
                request.header(name, value);
            }
        });
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, long deadline) {
        String what = request.method() + " " + request.uri();
        CompletableFuture<HttpResponse<T>> future = client().sendAsync(request, handler);
        try {
            // The request timeout stops at the headers; this bound covers the body as well.
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw FederationHttpException.io(what + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw FederationHttpException.io(what + " was interrupted", e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        }
    }

    private FederationHttpException failure(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FederationHttpException ours) {
                return new FederationHttpException(what + ": " + ours.getMessage(), ours.status(), ours.retryable(), ours);
            }
        }
        if (cause instanceof HttpTimeoutException) {
            return FederationHttpException.io(what + " timed out after " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return FederationHttpException.io(what + " failed: " + cause, cause);
        }
        return new FederationHttpException(what + " failed: " + cause, 0, false, cause);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI nextHop(URI current, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> FederationHttpException.refused(
                        "redirect without Location from " + current));
        try {
            return current.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException e) {
            throw new FederationHttpException("bad redirect Location from " + current, 0, false, e);
        }
    }

    private JsonNode parse(byte[] body, URI from) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw FederationHttpException.refused("response from " + from + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new FederationHttpException("response from " + from + " is not JSON", 0, false, e);
        }
    }

    /**
     * A server may only speak for its own objects: without this, any server could answer with an
     * object claiming another instance's id and have us store it under that id.
     */
    private static void checkId(JsonNode body, URI fetched) {
        JsonNode id = body.get("id");
        if (id == null || !id.isTextual()) {
            throw FederationHttpException.refused("object fetched from " + fetched + " has no id");
        }
        URI idUri;
        try {
            idUri = new URI(id.asText());
        } catch (java.net.URISyntaxException e) {
            throw new FederationHttpException("object id " + id.asText() + " is not a URL", 0, false, e);
        }
        if (idUri.getHost() == null
                || !idUri.getHost().equalsIgnoreCase(fetched.getHost())
                || effectivePort(idUri) != effectivePort(fetched)) {
            throw FederationHttpException.refused("object id host " + (idUri.getHost() == null ? "(none)" : HttpSignatures.host(idUri))
                    + " differs from " + HttpSignatures.host(fetched));
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}

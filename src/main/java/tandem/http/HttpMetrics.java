package tandem.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts and times requests by method, coarse area (api/static/other) and status class, so the
 * label set stays small whatever URLs clients send. Also adds `Access-Control-Allow-Origin: *`,
 * as PeerTube does for its API and static files.
 */
final class HttpMetrics implements Filter {
    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        res.header("Access-Control-Allow-Origin", "*");
        try {
            chain.proceed();
        } finally {
            record(req.prologue().method().text(), req.path().path(), res.status().code(), "helidon", System.nanoTime() - start);
        }
    }

    /**
     * Counts one request, whoever answered it: `by` is "helidon" (the routes) or "sendfile" (the
     * main port's front), so an operator sees how much media takes the fast path.
     */
    void record(String method, String path, int status, String by, long nanos) {
        String area = path.startsWith("/api/") ? "api"
                : path.startsWith("/static/") || path.startsWith("/lazy-static/") || path.startsWith("/download/") ? "static" : "other";
        Timer.builder("tandem_http_requests")
                .tag("method", method)
                .tag("area", area)
                .tag("status", (status / 100) + "xx")
                .tag("by", by)
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}

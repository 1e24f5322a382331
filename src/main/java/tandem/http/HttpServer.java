package tandem.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.micrometer.core.instrument.MeterRegistry;
import tandem.core.Problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The one HTTP listener: API under /api/v1, static media, ops endpoints; problems as problem+json. */
public final class HttpServer implements AutoCloseable {
    private final WebServer server;

    public HttpServer(String host, int port, List<HttpService> api, List<HttpService> root, Map<String, WsListener> sockets,
                      Problems problems, MeterRegistry registry) {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new HttpMetrics(registry))
                .error(Problem.class, problems::write)
                .error(Throwable.class, (req, res, t) -> {
                    if (t.getCause() instanceof Problem p) problems.write(req, res, p);
                    else problems.unexpected(req, res, t);
                });
        for (HttpService s : api) routing.register("/api/v1", s);
        for (HttpService s : root) routing.register(s);
        routing.any((req, res) -> problems.write(req, res, Problem.notFound("Not found: " + req.path().path())));
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .maxPayloadSize(-1)
                .idleConnectionTimeout(Duration.ofMinutes(15))
                .routing(routing)
                .addRouting(sockets(sockets))
                .build();
    }

    private static WsRouting.Builder sockets(Map<String, WsListener> sockets) {
        WsRouting.Builder ws = WsRouting.builder();
        sockets.forEach(ws::endpoint);
        return ws;
    }

    public HttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}

package tandem.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.net.ConnectionGate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP listener: API under /api/v1, static media, ops endpoints; problems as problem+json.
 * Media files and tracker sockets take their fast paths on this port too ({@link FrontConnection}).
 *
 * Helidon's accept loop ends for good on any accept error (running out of file descriptors is
 * one), leaving a process that lives on without listening, which no supervisor would restart. The
 * connection limits keep that from happening in the first place; should it happen anyway, the
 * listener is started again on the same port, retrying until it binds or {@code giveUp} runs.
 * (Helidon tells nobody that its listener ended, so a watcher notices the port refusing connections.)
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration RESTART_FOR = Duration.ofMinutes(2);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(2);

    /** The listener's connection settings. */
    public record Limits(ConnectionGate gate, Duration headTimeout, Duration idleTimeout) {}

    private final String host;
    private final ConnectionGuard guard;
    private final Limits limits;
    private final HttpRouting.Builder routing;
    private final WsRouting.Builder sockets;
    private final Runnable giveUp;
    private final FrontSelector front;
    private volatile WebServer server;
    private volatile int port;
    private volatile boolean closing;

    public HttpServer(String host, int port, List<HttpService> api, List<HttpService> root, Map<String, WsListener> sockets,
                      Problems problems, MeterRegistry registry, Limits limits, FastPaths fast, Runnable giveUp) {
        this.host = host;
        this.port = port;
        this.limits = limits;
        this.giveUp = giveUp;
        this.guard = new ConnectionGuard(limits.gate(), limits.headTimeout());
        HttpMetrics metrics = new HttpMetrics(registry);
        this.front = new FrontSelector(fast, guard, metrics);
        this.routing = HttpRouting.builder()
                .addFilter((chain, req, res) -> {
                    guard.requestArrived(req.remotePeer().address());
                    chain.proceed();
                })
                .addFilter(metrics)
                .error(Problem.class, problems::write)
                .error(Throwable.class, (req, res, t) -> {
                    if (t.getCause() instanceof Problem p) problems.write(req, res, p);
                    else problems.unexpected(req, res, t);
                });
        for (HttpService s : api) routing.register("/api/v1", s);
        for (HttpService s : root) routing.register(s);
        routing.any((req, res) -> problems.write(req, res, Problem.notFound("Not found: " + req.path().path())));
        this.sockets = WsRouting.builder();
        sockets.forEach((path, listener) -> this.sockets.endpoint(path, new UpgradedSocket(listener, guard)));
    }

    private WebServer build() {
        return WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .maxPayloadSize(-1)
                .maxTcpConnections(limits.gate().budget().total())
                .connectionOptions(guard)
                .addConnectionSelector(front)
                .idleConnectionTimeout(limits.idleTimeout())
                .routing(routing)
                .addRouting(sockets)
                .build();
    }

    public HttpServer start() {
        server = build().start();
        port = server.port();
        Thread.ofPlatform().name("http-watch").daemon().start(this::watch);
        return this;
    }

    public int port() {
        return port;
    }

    /** Connections open now (for tests and the health of the listener). */
    public int openConnections() {
        return guard.open();
    }

    /** Knocks on our own port now and then: a refused connection means the listener died, and it is started again. */
    private void watch() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!closing && refused()) {
                log.error("the HTTP listener on port {} stopped by itself (see the error above); starting it again", port);
                restart();
            }
        }
    }

    /**
     * True only when nothing listens on our port. A full backlog or a connection we cannot even
     * open (out of descriptors ourselves) says nothing about the listener.
     */
    private boolean refused() {
        String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target, port), (int) WATCH_EVERY.toMillis());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The dead listener's thread stays parked inside Helidon (its stop waits on itself); a new server takes the port. */
    private void restart() {
        server.stop();
        startAgain();
    }

    private void startAgain() {
        long deadline = System.nanoTime() + RESTART_FOR.toNanos();
        long wait = 100;
        while (!closing) {
            try {
                server = build().start();
                log.warn("the HTTP listener is back on port {}", server.port());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.error("the HTTP listener could not be started again on port {} for {}; giving up", port, RESTART_FOR, e);
                    giveUp.run();
                    return;
                }
                log.warn("starting the HTTP listener again failed ({}); retrying in {} ms", e.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    return;
                }
                wait = Math.min(wait * 2, 5000);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        server.stop();
        guard.close();
    }
}

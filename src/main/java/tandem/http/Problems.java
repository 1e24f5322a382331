package tandem.http;

import tandem.net.HttpStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns failures into RFC 7807 problem+json, with PeerTube's `code` and its legacy `error` copy. */
public final class Problems {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/";

    private final JsonIo json;

    public Problems(JsonIo json) {
        this.json = json;
    }

    public void write(ServerRequest req, ServerResponse res, Problem p) {
        if (res.isSent()) return;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.code() == null ? "about:blank" : TYPE_BASE + p.code());
        body.put("title", HttpStatus.reason(p.status()));
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", req.path().path());
        if (p.code() != null) body.put("code", p.code());
        body.put("error", p.detail());
        if (!p.invalidParams().isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            p.invalidParams().forEach((k, v) -> params.put(k, Map.of("msg", v, "param", k, "location", "body")));
            body.put("invalid-params", params);
        }
        byte[] bytes;
        try {
            bytes = json.mapper().writeValueAsBytes(body);
        } catch (Exception e) {
            bytes = ("{\"status\":" + p.status() + "}").getBytes();
        }
        res.status(p.status());
        if (p.retryAfterSeconds() > 0) res.header(HeaderNames.RETRY_AFTER, String.valueOf(p.retryAfterSeconds()));
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json; charset=utf-8");
        res.send(bytes);
    }

    public void unexpected(ServerRequest req, ServerResponse res, Throwable t) {
        if (ClientDisconnects.isDisconnect(t)) {
            // Routine, and as many as there are impatient clients: one line, no trace. The 400 reaches
            // only a client that closed its sending half and still reads.
            log.debug("{} {}: the client went away ({})", req.prologue().method().text(), req.path().path(), ClientDisconnects.reason(t));
            write(req, res, Problem.badRequest("The connection ended before the request did"));
            return;
        }
        log.error("unexpected error on {} {}", req.prologue().method().text(), req.path().path(), t);
        write(req, res, new Problem(500, null, "Internal server error"));
    }
}

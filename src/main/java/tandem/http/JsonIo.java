package tandem.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reads request bodies (JSON with a size cap) and writes JSON responses. */
public final class JsonIo {
    private final ObjectMapper mapper;
    private final long maxJsonBytes;

    public JsonIo(ObjectMapper mapper, long maxJsonBytes) {
        this.mapper = mapper;
        this.maxJsonBytes = maxJsonBytes;
    }

    public ObjectMapper mapper() { return mapper; }

    public void write(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(bytes);
    }

    public void ok(ServerResponse res, Object body) {
        write(res, 200, body);
    }

    /** Reads the body up to the cap: 413 beyond it, 400 when it is not a JSON object. Empty body = empty object. */
    public Map<String, Object> readObject(ServerRequest req) {
        byte[] body = readCapped(req, maxJsonBytes);
        if (body.length == 0) return Map.of();
        try {
            Map<String, Object> m = mapper.readValue(body, new TypeReference<>() {});
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new Problem(400, null, "The body is not a valid JSON object");
        }
    }

    /** Reads a whole small body (forms, JSON) refusing anything over `max` bytes with 413. */
    public static byte[] readCapped(ServerRequest req, long max) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > max) throw new Problem(413, "payload_too_large", "The request body is larger than " + max + " bytes");
        if (!req.content().hasEntity()) return new byte[0];
        try (InputStream in = req.content().inputStream()) {
            byte[] data = in.readNBytes((int) max + 1);
            if (data.length > max) throw new Problem(413, "payload_too_large", "The request body is larger than " + max + " bytes");
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

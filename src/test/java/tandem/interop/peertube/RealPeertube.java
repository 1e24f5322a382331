package tandem.interop.peertube;

import com.fasterxml.jackson.databind.JsonNode;
import tandem.testing.TestClient;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The real PeerTube the interop suite talks to: 6.3 built from source by
 * `../shared/tools/peertube-peer.sh` (test mode, http://127.0.0.1:9001, root / test1), or
 * whatever answers at `PEERTUBE_URL`. Its REST API is PeerTube's, so {@link TestClient} speaks it.
 */
final class RealPeertube {
    static final String URL = System.getenv().getOrDefault("PEERTUBE_URL", "http://127.0.0.1:9001");
    static final String HOST = URL.replaceFirst("^https?://", "");
    private static final String ROOT_PASSWORD = System.getenv().getOrDefault("PEERTUBE_ROOT_PASSWORD", "test1");

    private RealPeertube() {}

    /** Its admin, signed in; fails (never skips) when no PeerTube answers. */
    static TestClient root() {
        TestClient anonymous = new TestClient(URL);
        JsonNode config;
        try {
            config = anonymous.get("/api/v1/config").json();
        } catch (RuntimeException e) {
            throw new AssertionError("no PeerTube answers at " + URL + ": start one with ../shared/tools/peertube-peer.sh <git dir of a "
                    + "PeerTube repository holding v6.3.0> (./tandem test-interop does when the tool is there)", e);
        }
        System.out.println("interop: PeerTube " + config.at("/serverVersion").asText() + " at " + URL);
        return anonymous.login("root", ROOT_PASSWORD);
    }

    static String version() {
        return new TestClient(URL).get("/api/v1/config").json().at("/serverVersion").asText();
    }

    /** Polls until {@code value} gives non-null, failing with {@code what} after {@code within}. */
    static <T> T await(String what, Duration within, Supplier<T> value) {
        return tandem.testing.Eventually.await(what, within, value);
    }

    /** The follow row whose {@code side} ("following" or "follower") has {@code host}, when in {@code state}. */
    static JsonNode followRow(JsonNode list, String side, String host, String state) {
        for (JsonNode f : list.get("data")) {
            if (host.equals(f.at("/" + side + "/host").asText()) && state.equals(f.get("state").asText())) return f;
        }
        return null;
    }
}

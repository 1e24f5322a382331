package tandem.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The PeerTube- and Mastodon-shaped documents under src/test/resources/federation, each read fresh so a test may alter its copy. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String VIDEO = "https://peertube.example/videos/watch/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c";
    static final String HLS_DIR = "https://peertube.example/static/streaming-playlists/hls/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c/";
    static final String WEB_DIR = "https://peertube.example/static/web-videos/";
    static final String OUR_VIDEO = "https://tandem.example/videos/watch/d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";

    private Fixtures() {}

    static ObjectNode json(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/federation/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

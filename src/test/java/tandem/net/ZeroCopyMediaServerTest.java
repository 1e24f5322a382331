package tandem.net;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.media.TestMedia;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;
import tandem.storage.LocalBlobStore;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sendfile media listener serves the same files under the same rules as the main listener. */
class ZeroCopyMediaServerTest {
    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\s+(\\S+)");
    private static TestInstance tandem;
    private static TestClient admin;
    private static int mediaPort;

    @BeforeAll
    static void start() throws IOException {
        mediaPort = TestInstance.freePort();
        tandem = TestInstance.start(Map.of("media_port", String.valueOf(mediaPort)));
        admin = tandem.admin();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static JsonNode publish(String name, String privacy) {
        Response up = admin.upload(TestMedia.clipWithAudio(), name, Map.of("privacy", privacy));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        tandem.awaitIdle();
        return admin.get("/api/v1/videos/" + up.json().at("/video/uuid").asText()).json();
    }

    @Test
    void the_api_points_players_at_the_media_listener_which_serves_verified_ranges() throws Exception {
        JsonNode v = publish("Served by sendfile", "1");
        String master = v.at("/streamingPlaylists/0/playlistUrl").asText();
        assertThat(master).startsWith("http://localhost:" + mediaPort + "/static/streaming-playlists/hls/");
        JsonNode sha = tandem.client().get(v.at("/streamingPlaylists/0/segmentsSha256Url").asText()).json();
        String dir = master.substring(0, master.lastIndexOf('/') + 1);
        Response m = tandem.client().get(master);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.header("Access-Control-Allow-Origin")).isEqualTo("*");
        int checked = 0;
        for (String variant : m.text().lines().filter(l -> l.endsWith(".m3u8")).toList()) {
            Matcher r = BYTERANGE.matcher(tandem.client().get(dir + variant).text());
            while (r.find()) {
                long len = Long.parseLong(r.group(1));
                long off = Long.parseLong(r.group(2));
                Response seg = tandem.client().get(dir + r.group(3), "Range", "bytes=" + off + "-" + (off + len - 1));
                assertThat(seg.status()).isEqualTo(206);
                assertThat(seg.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seg.body())))
                        .isEqualTo(sha.at("/" + r.group(3) + "/" + off + "-" + (off + len - 1)).asText());
                checked++;
            }
        }
        assertThat(checked).isPositive();
        String file = v.at("/streamingPlaylists/0/files/0/fileUrl").asText();
        Response whole = tandem.client().get(file);
        assertThat(tandem.client().get(file, "If-None-Match", whole.header("ETag")).status()).isEqualTo(304);
        assertThat(tandem.client().get(file, "Range", "bytes=999999999-").status()).isEqualTo(416);
        assertThat(tandem.client().get("http://localhost:" + mediaPort + "/api/v1/config").status()).isEqualTo(404);
    }

    @Test
    void private_files_need_the_owners_token_here_too() {
        JsonNode v = publish("Private and sendfile", "3");
        String master = v.at("/streamingPlaylists/0/playlistUrl").asText();
        assertThat(master).contains(":" + mediaPort + "/").contains("/private/");
        assertThat(tandem.client().get(master).status()).isEqualTo(403);
        assertThat(admin.get(master).status()).isEqualTo(200);
        assertThat(tandem.client().get(master.replace("/private/", "/")).status()).isEqualTo(404);
        String token = admin.postJson("/api/v1/videos/" + v.get("uuid").asText() + "/token", Map.of()).json().at("/files/token").asText();
        assertThat(tandem.client().get(master + "?videoFileToken=" + token).status()).isEqualTo(200);
        assertThat(tandem.client().get(master + "?a=1&videoFileToken=wrong").status()).isEqualTo(403);
        // The media listener, too, keeps a private video's files out of shared caches.
        assertThat(tandem.client().get(master + "?videoFileToken=" + token).header("Cache-Control")).isEqualTo("private, max-age=0, must-revalidate");
    }

    @Test
    void keep_alive_requests_and_malformed_ones_on_a_raw_socket() throws IOException {
        try (Socket s = new Socket("127.0.0.1", mediaPort)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String req = "GET /static/streaming-playlists/hls/nope/x.mp4 HTTP/1.1\r\nHost: x\r\n\r\n";
            out.write((req + req).getBytes(StandardCharsets.ISO_8859_1));
            String first = readResponse(in);
            String second = readResponse(in);
            assertThat(first).startsWith("HTTP/1.1 404");
            assertThat(second).startsWith("HTTP/1.1 404");
            out.write("DELETE /static/x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 405");
            out.write("garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void a_store_without_zero_copy_is_served_from_its_streams_with_the_same_ranges(@TempDir Path dir) throws IOException {
        LocalBlobStore local = new LocalBlobStore(dir.resolve("storage"));
        byte[] data = new byte[200_000]; // several 64 KiB pieces
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 13 + 1);
        local.put(BlobKeys.thumbnail("t.jpg"), Files.write(dir.resolve("t.jpg"), data));
        BlobStore streamsOnly = new BlobStore() { // what a remote store offers: no local files
            @Override public void put(String key, Path source) throws IOException { local.put(key, source); }
            @Override public Optional<BlobInfo> stat(String key) throws IOException { return local.stat(key); }
            @Override public InputStream read(String key, long offset, long length) throws IOException { return local.read(key, offset, length); }
            @Override public void delete(String keyOrPrefix) throws IOException { local.delete(keyOrPrefix); }
            @Override public long sizeOf(String prefix) throws IOException { return local.sizeOf(prefix); }
            @Override public LocalFile localFile(String key) throws IOException { return local.localFile(key); }
        };
        // The rules (privacy, paths) are the main listener's and tested with it; here every path is the thumbnail.
        MediaResolver media = (path, authorization, fileToken) -> new MediaResolver.Resolved(BlobKeys.thumbnail("t.jpg"), false, false, null);
        for (BlobStore store : new BlobStore[] {local, streamsOnly}) {
            try (ZeroCopyMediaServer server = new ZeroCopyMediaServer("127.0.0.1", 0, media, store,
                    new ConnectionGate("media", new ConnectionBudget(100, 20), a -> false), Duration.ofSeconds(10), Duration.ofMinutes(5)).start()) {
                String url = "http://127.0.0.1:" + server.port() + "/static/thumbnails/t.jpg";
                assertThat(tandem.client().get(url).body()).isEqualTo(data);
                Response tail = tandem.client().get(url, "Range", "bytes=65530-");
                assertThat(tail.status()).isEqualTo(206);
                assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, 65_530, data.length));
                assertThat(tandem.client().get(url, "Range", "bytes=0-0").body()).containsExactly(data[0]);
                assertThat(tandem.client().get(url, "Range", "bytes=200000-").status()).isEqualTo(416);
            }
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            head.append((char) c);
        }
        Matcher len = Pattern.compile("Content-Length: (\\d+)").matcher(head);
        if (len.find()) in.readNBytes(Integer.parseInt(len.group(1)));
        return head.toString();
    }
}

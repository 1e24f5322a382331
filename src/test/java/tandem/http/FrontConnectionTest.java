package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main port's front: on one keep-alive connection, media files go out by sendfile and every
 * other request (with or without a body, even pipelined behind one another) reaches Helidon intact.
 */
class FrontConnectionTest {
    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\s+(\\S+)");
    private static TestInstance tandem;
    private static String uuid;
    private static String master;
    private static String segmentPath;
    private static String segmentRange;
    private static String segmentSha;

    @BeforeAll
    static void publish() {
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        uuid = admin.upload(TestMedia.clipWithAudio(), "Through the front", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        JsonNode playlist = admin.get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0");
        master = URI.create(playlist.get("playlistUrl").asText()).getPath();
        String dir = master.substring(0, master.lastIndexOf('/') + 1);
        String variant = tandem.client().get(master).text().lines().filter(l -> l.endsWith(".m3u8")).findFirst().orElseThrow();
        Matcher r = BYTERANGE.matcher(tandem.client().get(dir + variant).text());
        assertThat(r.find()).isTrue();
        long len = Long.parseLong(r.group(1));
        long off = Long.parseLong(r.group(2));
        segmentPath = dir + r.group(3);
        segmentRange = off + "-" + (off + len - 1);
        segmentSha = tandem.client().get(playlist.get("segmentsSha256Url").asText()).json().at("/" + r.group(3) + "/" + segmentRange).asText();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void one_connection_mixes_api_calls_request_bodies_and_media() throws Exception {
        double before = sentByFront();
        try (Socket s = new Socket("127.0.0.1", port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, get("/api/v1/config"));
            assertThat(read(in).status()).isEqualTo(200);

            send(out, get(segmentPath, "Range: bytes=" + segmentRange));
            Reply segment = read(in);
            assertThat(segment.status()).isEqualTo(206);
            assertThat(sha256(segment.body())).isEqualTo(segmentSha);

            // A request with a body, then a media request and an API one in the same packet: the
            // front must hand Helidon exactly the body and find the heads after it.
            byte[] view = "{\"currentTime\":1}".getBytes(StandardCharsets.UTF_8);
            send(out, "POST /api/v1/videos/" + uuid + "/views HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + view.length + "\r\n\r\n" + new String(view, StandardCharsets.UTF_8)
                    + get(segmentPath, "Range: bytes=" + segmentRange) + get("/api/v1/videos/" + uuid));
            assertThat(read(in).status()).isEqualTo(204);
            assertThat(sha256(read(in).body())).isEqualTo(segmentSha);
            Reply details = read(in);
            assertThat(details.status()).isEqualTo(200);
            assertThat(new String(details.body(), StandardCharsets.UTF_8)).contains(uuid);

            // Conditional and HEAD requests, answered by the front as Helidon would.
            Reply whole = read(sendAndRead(out, in, get(master)));
            assertThat(whole.status()).isEqualTo(200);
            send(out, get(master, "If-None-Match: " + whole.header("etag")));
            assertThat(read(in).status()).isEqualTo(304);
            send(out, "HEAD " + master + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Reply head = readHead(in);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(String.valueOf(whole.body().length));
        }
        assertThat(sentByFront() - before).as("media requests answered by sendfile").isGreaterThanOrEqualTo(5);
    }

    @Test
    void what_the_front_does_not_serve_gets_helidons_usual_answer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, get("/static/streaming-playlists/hls/" + uuid + "/nope.mp4"));
            Reply missing = read(in);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("content-type")).startsWith("application/problem+json");
            // A chunked body: the front steps aside for the rest of the connection, which goes on working.
            send(out, "POST /api/v1/videos/" + uuid + "/views HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n11\r\n{\"currentTime\":1}\r\n0\r\n\r\n");
            assertThat(read(in).status()).isEqualTo(204);
            send(out, get(segmentPath, "Range: bytes=" + segmentRange));
            assertThat(sha256(read(in).body())).isEqualTo(segmentSha);
        }
    }

    private static InputStream sendAndRead(OutputStream out, InputStream in, String request) throws IOException {
        send(out, request);
        return in;
    }

    private static double sentByFront() {
        return tandem.client().get("/metrics").text().lines()
                .filter(l -> l.startsWith("tandem_http_requests_seconds_count{") && l.contains("by=\"sendfile\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static int port() {
        return URI.create(tandem.baseUrl()).getPort();
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    @Test
    void a_playlist_rewritten_in_place_is_served_whole_at_once() throws Exception {
        // The ladder rewrites the master when it joins: a size remembered from before would cut it short.
        java.nio.file.Path file = tandem.dataDir().resolve("storage/" + master.substring("/static/".length()));
        byte[] before = java.nio.file.Files.readAllBytes(file);
        try {
            assertThat(tandem.client().get(master).body()).isEqualTo(before);
            byte[] longer = (new String(before, StandardCharsets.UTF_8) + "#EXT-X-ADDED-BY-A-REWRITE\n").getBytes(StandardCharsets.UTF_8);
            java.nio.file.Files.write(file, longer);
            assertThat(tandem.client().get(master).body()).as("the new content, whole").isEqualTo(longer);
        } finally {
            java.nio.file.Files.write(file, before);
        }
    }

    @Test
    void a_file_larger_than_the_socket_buffers_goes_out_whole_to_a_slow_reader() throws Exception {
        // sendfile on a virtual thread's socket returns 0 instead of waiting once the socket's buffer is
        // full: the front must wait for room, not end the response a few MB in.
        byte[] big = new byte[24 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        java.nio.file.Path file = tandem.dataDir().resolve("storage/streaming-playlists/hls/" + uuid + "/big-fragmented.mp4");
        java.nio.file.Files.write(file, big);
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setReceiveBufferSize(64 * 1024);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String dir = master.substring(0, master.lastIndexOf('/') + 1);
            send(out, get(dir + "big-fragmented.mp4"));
            Reply head = readHead(in);
            assertThat(head.status()).isEqualTo(200);
            Thread.sleep(1500); // the reader falls behind: every buffer on the way fills up
            byte[] body = in.readNBytes(big.length);
            assertThat(body.length).isEqualTo(big.length);
            assertThat(sha256(body)).isEqualTo(sha256(big));
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private static void send(OutputStream out, String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static Reply readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed after: " + head);
            head.append((char) c);
        }
        String[] lines = head.toString().split("\r\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, new byte[0]);
    }

    private static Reply read(InputStream in) throws IOException {
        Reply head = readHead(in);
        byte[] body;
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(in).trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            String length = head.header("content-length");
            body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        }
        return new Reply(head.status(), head.headers(), body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.append((char) c);
        return b.toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

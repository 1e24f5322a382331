package tandem.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tandem.testing.TestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another instance's mirror of a video, faked (a remote host that may misbehave): a copy of the
 * origin's HLS files taken at start, served at PeerTube's path with byte ranges and CORS, honestly,
 * with tampered fragments, or not at all (it accepts and never answers). Every request is logged,
 * so a test sees what the player asked of it, not only what the player says it did.
 */
final class FakeMirror implements AutoCloseable {
    enum Mode { HONEST, TAMPERING, HANGING }

    /** One request: the file, its Range header (or null), and when it arrived (epoch ms). */
    record Hit(String file, String range, long at) {}

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Map<String, byte[]> files;
    private final Mode mode;
    private final String uuid;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private FakeMirror(Map<String, byte[]> files, String uuid, Mode mode) throws IOException {
        this.files = files;
        this.uuid = uuid;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Copies the master playlist at `masterUrl`, its variants and every file they name, as a mirror job would. */
    static FakeMirror copying(TestClient origin, String masterUrl, String uuid, Mode mode) {
        String dir = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1);
        Map<String, byte[]> files = new LinkedHashMap<>();
        String master = masterUrl.substring(dir.length());
        files.put(master, fetch(origin, dir + master));
        for (String variant : references(new String(files.get(master)))) {
            files.put(variant, fetch(origin, dir + variant));
            for (String file : references(new String(files.get(variant)))) files.computeIfAbsent(file, f -> fetch(origin, dir + f));
        }
        try {
            return new FakeMirror(files, uuid, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names a playlist names: its URI lines and URI="…" attributes (init segments, audio groups). */
    private static Set<String> references(String playlist) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : playlist.lines().map(String::trim).toList()) {
            if (line.isEmpty()) continue;
            if (!line.startsWith("#")) out.add(line);
            Matcher m = URI_ATTRIBUTE.matcher(line);
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** A file in 1 MB ranges, as players read them (a whole multi-MB GET came back short from the origin in this test). */
    private static byte[] fetch(TestClient origin, String url) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long total = Long.MAX_VALUE;
        while (out.size() < total) {
            TestClient.Response r = origin.get(url, "Range", "bytes=" + out.size() + "-" + (out.size() + (1 << 20) - 1));
            if (r.status() != 206) throw new AssertionError("copying " + url + ": HTTP " + r.status());
            String range = r.header("Content-Range");
            total = Long.parseLong(range.substring(range.lastIndexOf('/') + 1));
            out.writeBytes(r.body());
        }
        return out.toByteArray();
    }

    /** The directory URL to register as the mirror (`remote_mirrors.base_url`), on 127.0.0.1 so its host differs from the origin's. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/static/redundancy/hls/" + uuid;
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** Requests for fragments (segments and init sections), not playlists. */
    List<Hit> segmentHits() {
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) if (h.file().endsWith(".mp4")) out.add(h);
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            if (ex.getRequestMethod().equals("OPTIONS")) {
                ex.getResponseHeaders().add("Access-Control-Allow-Headers", "Range");
                ex.getResponseHeaders().add("Access-Control-Allow-Methods", "GET");
                ex.sendResponseHeaders(204, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String file = path.substring(path.lastIndexOf('/') + 1);
            String range = ex.getRequestHeaders().getFirst("Range");
            hits.add(new Hit(file, range, System.currentTimeMillis()));
            if (mode == Mode.HANGING) {
                closed.await();
                return;
            }
            byte[] body = files.get(file);
            if (!path.equals("/static/redundancy/hls/" + uuid + "/" + file) || body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            int status = 200;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2).isEmpty() ? body.length - 1 : Math.min(Integer.parseInt(m.group(2)), body.length - 1);
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                body = java.util.Arrays.copyOfRange(body, from, to + 1);
                status = 206;
            }
            if (mode == Mode.TAMPERING && file.endsWith(".mp4") && body.length > 0) {
                body = body.clone();
                body[body.length / 2] ^= 0x5a;
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}

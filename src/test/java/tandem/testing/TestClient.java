package tandem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client speaking to a test instance the way PeerTube clients do. */
public final class TestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private String token;

    public TestClient(String base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    }

    private TestClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** A client whose connections leave from `local` (e.g. 127.0.0.2), to look like another peer of the server. */
    public TestClient from(java.net.InetAddress local) {
        return new TestClient(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).localAddress(local).build());
    }

    /** One response: status, headers and body (parsed as JSON when it is JSON). */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public String token() { return token; }
    public String base() { return base; }

    public TestClient withToken(String t) {
        TestClient c = new TestClient(base, http);
        c.token = t;
        return c;
    }

    public TestClient login(String username, String password) {
        Response r = token(username, password);
        if (r.status() != 200) throw new AssertionError("login failed: " + r.status() + " " + r.text());
        return withToken(r.json().get("access_token").asText());
    }

    public Response token(String username, String password) {
        JsonNode client = get("/api/v1/oauth-clients/local").json();
        return form("/api/v1/users/token", Map.of("client_id", client.get("client_id").asText(),
                "client_secret", client.get("client_secret").asText(), "grant_type", "password",
                "username", username, "password", password));
    }

    public Response form(String path, Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString())));
    }

    public Response get(String path, String... headers) {
        HttpRequest.Builder b = builder(path).GET();
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b);
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response postJson(String path, Object body) {
        return sendJson(path, "POST", body);
    }

    public Response putJson(String path, Object body) {
        return sendJson(path, "PUT", body);
    }

    private Response sendJson(String path, String method, Object body) {
        try {
            return send(builder(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The legacy upload, as peertube-cli sends it: fields in bracket notation, then the file. */
    public Response upload(Path file, String name, Map<String, String> extraFields) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("channelId", String.valueOf(me().get("videoChannels").get(0).get("id").asLong()));
        fields.putAll(extraFields);
        return multipart("POST", "/api/v1/videos/upload", fields, "videofile", file);
    }

    /** Uploads as {@link #upload} does, expects it accepted, and returns the new video's uuid. */
    public String uploaded(Path file, String name, Map<String, String> extraFields) {
        Response up = upload(file, name, extraFields);
        if (up.status() != 200) throw new AssertionError("upload of " + name + " answered " + up.status() + ": " + up.text());
        return up.json().at("/video/uuid").asText();
    }

    public Response multipart(String method, String path, Map<String, String> fields, String fileField, Path file) {
        String boundary = "----tandem" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        try {
            if (file != null) {
                parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: " + mediaType(file) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                parts.add(Files.readAllBytes(file));
                parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArrays(parts)));
    }

    /** What a browser sends for the file (PeerTube refuses a video sent as application/octet-stream). */
    private static String mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".mp4")) return "video/mp4";
        if (name.endsWith(".webm")) return "video/webm";
        if (name.endsWith(".m4a")) return "audio/mp4";
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "image/jpeg";
        if (name.endsWith(".gif")) return "image/gif";
        if (name.endsWith(".webp")) return "image/webp";
        return "application/octet-stream";
    }

    public JsonNode me() {
        Response r = get("/api/v1/users/me");
        if (r.status() != 200) throw new AssertionError("GET /users/me: " + r.status() + " " + r.text());
        return r.json();
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    public Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

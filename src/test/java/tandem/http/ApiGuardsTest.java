package tandem.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.Eventually;
import tandem.testing.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, validation and permissions: each wrong request gets a precise error and harms nothing. */
class ApiGuardsTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient bob;
    private static TestClient carol;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start(Map.of("login_attempts_per_window", "12"));
        admin = tandem.admin();
        bob = tandem.newUser("bob");
        carol = tandem.newUser("carol");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void the_local_oauth_client_is_only_given_for_our_host() {
        Response wrongHost = tandem.client().send(tandem.client().builder("/api/v1/oauth-clients/local").header("X-Forwarded-Host", "x")
                .GET());
        assertThat(wrongHost.status()).isEqualTo(200);
        Response spoofed = tandem.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                tandem.baseUrl().replace("localhost", "127.0.0.1") + "/api/v1/oauth-clients/local")).GET());
        assertThat(spoofed.status()).isEqualTo(403);
    }

    @Test
    void tokens_follow_the_oauth_rules() {
        Response bad = tandem.client().token("bob", "wrong-password");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asText()).isEqualTo("invalid_grant");
        Response json = tandem.client().postJson("/api/v1/users/token", Map.of("grant_type", "password"));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("code").asText()).isEqualTo("invalid_request");
        Response ok = tandem.client().token("bob", "bob-password");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        var client = tandem.client().get("/api/v1/oauth-clients/local").json();
        Response refreshed = tandem.client().form("/api/v1/users/token", Map.of("client_id", client.get("client_id").asText(),
                "client_secret", client.get("client_secret").asText(), "grant_type", "refresh_token",
                "refresh_token", ok.json().get("refresh_token").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(tandem.client().withToken(refreshed.json().get("access_token").asText()).me().get("username").asText()).isEqualTo("bob");
        // The old refresh token was consumed.
        Response replay = tandem.client().form("/api/v1/users/token", Map.of("client_id", client.get("client_id").asText(),
                "client_secret", client.get("client_secret").asText(), "grant_type", "refresh_token",
                "refresh_token", ok.json().get("refresh_token").asText()));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(tandem.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(tandem.client().withToken("forged").get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void login_attempts_are_rate_limited_per_ip() {
        TestClient c = tandem.client();
        int limited = 0;
        for (int i = 0; i < 15; i++) {
            if (c.token("nobody", "nothing").status() == 429) limited++;
        }
        assertThat(limited).isGreaterThan(0);
    }

    @Test
    void admin_apis_ask_strangers_to_sign_in_and_refuse_users_who_are_not_admins() {
        // PeerTube's answers: 401 without a token (clients then offer to sign in), 403 for a signed-in user without the right.
        for (String path : new String[] {"/api/v1/users", "/api/v1/users/1", "/api/v1/jobs/pending", "/api/v1/jobs/failed",
                "/api/v1/server/following", "/api/v1/server/followers", "/api/v1/server/blocklist/servers",
                "/api/v1/server/blocklist/accounts", "/api/v1/server/p2p-stats"}) {
            assertThat(tandem.client().get(path).status()).as("anonymous GET " + path).isEqualTo(401);
            assertThat(bob.get(path).status()).as("user GET " + path).isEqualTo(403);
            assertThat(admin.get(path).status()).as("admin GET " + path).isEqualTo(200);
        }
        assertThat(tandem.client().postJson("/api/v1/users", Map.of("username", "mallory", "password", "mallory-password")).status())
                .as("anonymous POST /api/v1/users").isEqualTo(401);
        assertThat(tandem.client().delete("/api/v1/users/1").status()).as("anonymous DELETE /api/v1/users/1").isEqualTo(401);
        assertThat(tandem.client().postJson("/api/v1/server/following", Map.of("hosts", java.util.List.of("example.org"))).status())
                .as("anonymous POST /api/v1/server/following").isEqualTo(401);
        for (String path : new String[] {"/api/v1/users/1/block", "/api/v1/users/1/unblock", "/api/v1/server/followers/peertube@example.org/accept",
                "/api/v1/server/followers/peertube@example.org/reject", "/api/v1/server/blocklist/servers", "/api/v1/server/blocklist/accounts"}) {
            assertThat(tandem.client().postJson(path, Map.of("host", "example.org", "accountName", "x@example.org")).status())
                    .as("anonymous POST " + path).isEqualTo(401);
        }
        for (String path : new String[] {"/api/v1/server/following/example.org", "/api/v1/server/blocklist/servers/example.org",
                "/api/v1/server/blocklist/accounts/x@example.org"}) {
            assertThat(tandem.client().delete(path).status()).as("anonymous DELETE " + path).isEqualTo(401);
        }
        assertThat(tandem.client().putJson("/api/v1/users/1", Map.of("role", 0)).status()).as("anonymous PUT /api/v1/users/1").isEqualTo(401);
    }

    @Test
    void only_admins_create_users_and_names_are_unique() {
        assertThat(bob.postJson("/api/v1/users", Map.of("username", "eve", "password", "eve-password", "email", "e@example.org", "role", 0)).status())
                .isEqualTo(403);
        Response dup = admin.postJson("/api/v1/users", Map.of("username", "bob", "password", "bob-password", "email", "other@example.org", "role", 2));
        assertThat(dup.status()).isEqualTo(409);
        Response invalid = admin.postJson("/api/v1/users", Map.of("username", "Not Valid!", "password", "x", "email", "nope", "role", 2));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("invalid-params").has("username")).isTrue();
        assertThat(invalid.json().get("invalid-params").has("password")).isTrue();
        assertThat(invalid.json().get("invalid-params").has("email")).isTrue();
    }

    @Test
    void invalid_and_oversized_bodies_are_refused() {
        Response missing = bob.upload(TestMedia.clipWithAudio(), "x", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("invalid-params").has("name")).isTrue();
        Response badTags = bob.upload(TestMedia.clipWithAudio(), "Good name", Map.of("tags[0]", "x", "privacy", "9"));
        assertThat(badTags.json().get("invalid-params").has("tags")).isTrue();
        assertThat(badTags.json().get("invalid-params").has("privacy")).isTrue();
        Response noFile = bob.multipart("POST", "/api/v1/videos/upload", Map.of("name", "No file", "channelId", "1"), null, null);
        assertThat(noFile.status()).isEqualTo(400);
        byte[] huge = ("{\"username\":\"" + "a".repeat(600 * 1024) + "\"}").getBytes();
        Response tooBig = admin.send(admin.builder("/api/v1/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(tooBig.status()).isEqualTo(413);
        Response notJson = admin.send(admin.builder("/api/v1/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bob.get("/api/v1/videos/not-an-id!").status()).isEqualTo(400);
        assertThat(bob.get("/api/v1/videos/999999").status()).isEqualTo(404);
    }

    @Test
    void an_unlisted_video_is_found_by_its_uuid_and_not_by_a_guessable_number() {
        Response up = bob.upload(TestMedia.clipWithAudio(), "Bob's unlisted video", Map.of("privacy", "2"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        String uuid = up.json().at("/video/uuid").asText();
        long id = up.json().at("/video/id").asLong();
        tandem.awaitIdle();
        assertThat(carol.get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
        assertThat(carol.get("/api/v1/videos/" + id).status()).as("numeric ids can be walked through").isEqualTo(404);
        assertThat(tandem.client().get("/api/v1/videos/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/videos/" + id).status()).as("its owner may").isEqualTo(200);
    }

    @Test
    void nobody_touches_another_users_videos_and_private_ones_stay_private() {
        long carolChannel = carol.me().at("/videoChannels/0/id").asLong();
        Response intoOthersChannel = bob.multipart("POST", "/api/v1/videos/upload",
                Map.of("name", "Squatting", "channelId", String.valueOf(carolChannel)), "videofile", TestMedia.clipWithAudio());
        assertThat(intoOthersChannel.status()).isEqualTo(403);

        Response up = bob.upload(TestMedia.clipWithAudio(), "Bob's private video", Map.of("privacy", "3"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        String uuid = up.json().at("/video/uuid").asText();
        tandem.awaitIdle();
        assertThat(carol.putJson("/api/v1/videos/" + uuid, Map.of("name", "Hijacked")).status()).isIn(403, 404);
        assertThat(carol.delete("/api/v1/videos/" + uuid).status()).isIn(403, 404);
        assertThat(carol.get("/api/v1/videos/" + uuid).status()).isEqualTo(403);
        assertThat(tandem.client().get("/api/v1/videos").json().get("total").asInt()).isZero();

        var v = bob.get("/api/v1/videos/" + uuid).json();
        assertThat(v.get("name").asText()).isEqualTo("Bob's private video");
        String master = v.at("/streamingPlaylists/0/playlistUrl").asText();
        assertThat(master).contains("/hls/private/");
        assertThat(tandem.client().get(master).status()).isEqualTo(403);
        assertThat(carol.get(master).status()).isEqualTo(403);
        assertThat(bob.get(master).status()).isEqualTo(200);
        assertThat(tandem.client().get(master.replace("/private/", "/")).status()).isEqualTo(404);

        // The owner's player gets a file token, because media requests cannot carry the Authorization header.
        Response token = bob.postJson("/api/v1/videos/" + uuid + "/token", Map.of());
        assertThat(token.status()).as(token.text()).isEqualTo(200);
        String fileToken = token.json().at("/files/token").asText();
        assertThat(token.json().at("/files/expires").asText()).isNotEmpty();
        String sha = v.at("/streamingPlaylists/0/segmentsSha256Url").asText();
        assertThat(tandem.client().get(master + "?videoFileToken=" + fileToken).status()).isEqualTo(200);
        assertThat(tandem.client().get(sha + "?videoFileToken=" + fileToken).status()).isEqualTo(200);
        assertThat(tandem.client().get(master + "?videoFileToken=" + fileToken + "x").status()).isEqualTo(403);
        // No shared cache (CDN, proxy) may keep a private video's files and hand them to anyone with the URL.
        assertThat(tandem.client().get(master + "?videoFileToken=" + fileToken).header("Cache-Control")).isEqualTo("private, max-age=0, must-revalidate");
        String fragments = firstFragmentFile(tandem.client().get(master + "?videoFileToken=" + fileToken).text(), master, fileToken);
        assertThat(tandem.client().get(fragments + "?videoFileToken=" + fileToken).header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
        assertThat(carol.postJson("/api/v1/videos/" + uuid + "/token", Map.of()).status()).as("no token for another's private video").isEqualTo(403);
        assertThat(tandem.client().postJson("/api/v1/videos/" + uuid + "/token", Map.of()).status()).isEqualTo(401);
        String carolsVideo = carol.upload(TestMedia.clipWithAudio(), "Carol's private video", Map.of("privacy", "3")).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        // Its playlist, once transcoded (a first attempt that fails on a loaded machine is retried later, after awaitIdle).
        String carolsMaster = Eventually.await("Carol's video transcoded", Duration.ofSeconds(120), () -> {
            String url = carol.get("/api/v1/videos/" + carolsVideo).json().at("/streamingPlaylists/0/playlistUrl").asText();
            return url.isEmpty() ? null : url;
        });
        assertThat(tandem.client().get(carolsMaster + "?videoFileToken=" + fileToken).status()).as("a token opens one video only").isEqualTo(403);

        assertThat(bob.putJson("/api/v1/videos/" + uuid, Map.of("name", "Bob's public video", "privacy", 1)).status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/videos/" + uuid).json().get("name").asText()).isEqualTo("Bob's public video");
        assertThat(admin.delete("/api/v1/videos/" + uuid).status()).isEqualTo(204);
    }

    @Test
    void the_server_blocklist_is_listed_in_peertubes_shape() {
        assertThat(bob.get("/api/v1/server/blocklist/servers").status()).isEqualTo(403);
        assertThat(admin.postJson("/api/v1/server/blocklist/servers", Map.of("host", "Blocked.Example")).status()).isEqualTo(204);
        var list = admin.get("/api/v1/server/blocklist/servers").json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.at("/data/0/blockedServer").toString()).isEqualTo("{\"host\":\"blocked.example\"}");
        assertThat(list.at("/data/0").size()).isEqualTo(2);
        assertThat(list.at("/data/0/createdAt").asText()).isNotEmpty();
        assertThat(admin.delete("/api/v1/server/blocklist/servers/blocked.example").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/server/blocklist/servers").json().get("total").asInt()).isZero();
    }

    /** The fMP4 file of a video's first rendition, from its master playlist (read with its file token). */
    private static String firstFragmentFile(String masterBody, String masterUrl, String fileToken) {
        String dir = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1);
        String variant = masterBody.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        String variantBody = tandem.client().get(dir + variant + "?videoFileToken=" + fileToken).text();
        var m = java.util.regex.Pattern.compile("([^\"/\\s]+\\.mp4)").matcher(variantBody);
        if (!m.find()) throw new AssertionError("no fMP4 file in " + variantBody);
        return dir + m.group(1);
    }
}

package tandem.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins and moderators manage users at PeerTube's paths: quotas, roles, email, blocking and
 * deletion. Moderators only touch plain users; root and oneself are out of reach.
 */
class UserManagementTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient mia;
    private static TestClient bob;
    private static long rootId;
    private static long miaId;
    private static long bobId;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        rootId = admin.me().get("id").asLong();
        miaId = create("mia", 1);
        bobId = create("bob", 2);
        mia = tandem.client().login("mia", "mia-password");
        bob = tandem.client().login("bob", "bob-password");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static long create(String name, int role) {
        Response r = admin.postJson("/api/v1/users", Map.of("username", name, "password", name + "-password",
                "email", name + "@example.org", "role", role));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/user/id").asLong();
    }

    private static String user(long id) {
        return "/api/v1/users/" + id;
    }

    private static JsonNode get(long id) {
        Response r = admin.get(user(id));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void the_user_list_shows_quotas_roles_and_blocks_and_filters_like_peertube() {
        long id = create("lena", 2);
        assertThat(admin.postJson(user(id) + "/block", Map.of("reason", "testing the list")).status()).isEqualTo(204);
        JsonNode list = admin.get("/api/v1/users?search=LEN&sort=-username").json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        JsonNode lena = list.at("/data/0");
        assertThat(lena.get("username").asText()).isEqualTo("lena");
        for (String field : new String[] {"videoQuota", "videoQuotaDaily", "videoQuotaUsed", "videoQuotaUsedDaily", "blocked", "blockedReason"}) {
            assertThat(lena.has(field)).as(field).isTrue();
        }
        assertThat(lena.at("/role/id").asInt()).isEqualTo(2);
        assertThat(lena.at("/role/label").asText()).isEqualTo("User");
        assertThat(lena.get("blocked").asBoolean()).isTrue();
        assertThat(lena.get("blockedReason").asText()).isEqualTo("testing the list");
        assertThat(admin.get("/api/v1/users?blocked=true").json().at("/data").findValuesAsText("username")).contains("lena")
                .doesNotContain("bob", "root");
        assertThat(admin.get("/api/v1/users?search=%25").json().get("total").asInt()).as("% is no wildcard").isZero();
        assertThat(admin.get("/api/v1/users?sort=username&count=100").json().at("/data").findValuesAsText("username")).isSorted();
        assertThat(mia.get("/api/v1/users").status()).as("moderators list users").isEqualTo(200);
        assertThat(mia.get(user(id)).status()).isEqualTo(200);
        assertThat(bob.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(tandem.client().get("/api/v1/users").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/users?sort=password").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?blocked=maybe").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users/abc").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users/999999").status()).isEqualTo(404);
    }

    @Test
    void admins_edit_quotas_role_email_and_password() {
        long id = create("erin", 2);
        Map<String, Object> edit = Map.of("videoQuota", 5_000_000, "videoQuotaDaily", 1_000_000, "role", 1, "email", "erin@example.net");
        assertThat(admin.putJson(user(id), edit).status()).isEqualTo(204);
        JsonNode erin = get(id);
        assertThat(erin.get("videoQuota").asLong()).isEqualTo(5_000_000);
        assertThat(erin.get("videoQuotaDaily").asLong()).isEqualTo(1_000_000);
        assertThat(erin.at("/role/id").asInt()).isEqualTo(1);
        assertThat(erin.get("email").asText()).isEqualTo("erin@example.net");

        TestClient erinClient = tandem.client().login("erin", "erin-password");
        assertThat(admin.putJson(user(id), Map.of("password", "a-new-password")).status()).isEqualTo(204);
        assertThat(erinClient.get("/api/v1/users/me").status()).as("a new password ends old sessions").isEqualTo(401);
        assertThat(tandem.client().token("erin", "erin-password").status()).isEqualTo(400);
        assertThat(tandem.client().login("erin", "a-new-password").me().get("username").asText()).isEqualTo("erin");

        Map<String, Object[]> bad = Map.of("videoQuota", new Object[] {-2, "lots", 1.5}, "videoQuotaDaily", new Object[] {-7},
                "role", new Object[] {7, "admin"}, "email", new Object[] {"not-an-email", 42}, "password", new Object[] {"short"});
        bad.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> body = new HashMap<>();
                body.put(field, value);
                Response r = admin.putJson(user(id), body);
                assertThat(r.status()).as(field + "=" + value + ": " + r.text()).isEqualTo(400);
                assertThat(r.json().get("invalid-params").has(field)).as(field).isTrue();
            }
        });
        Response taken = admin.putJson(user(id), Map.of("email", "bob@example.org"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("detail").asText()).contains("email");
        Response rootRole = admin.putJson(user(rootId), Map.of("role", 2));
        assertThat(rootRole.status()).isEqualTo(400);
        assertThat(rootRole.json().get("detail").asText()).isEqualTo("Cannot change root role.");
        assertThat(admin.putJson(user(999_999), Map.of("videoQuota", 1)).status()).isEqualTo(404);
        assertThat(admin.putJson("/api/v1/users/abc", Map.of("videoQuota", 1)).status()).isEqualTo(400);
        assertThat(get(id).get("email").asText()).as("refused edits changed nothing").isEqualTo("erin@example.net");
    }

    @Test
    void moderators_manage_plain_users_only_and_never_raise_a_role() {
        long id = create("nina", 2);
        assertThat(mia.putJson(user(id), Map.of("videoQuota", 123)).status()).isEqualTo(204);
        assertThat(get(id).get("videoQuota").asLong()).isEqualTo(123);
        Response promote = mia.putJson(user(id), Map.of("role", 0));
        assertThat(promote.status()).isEqualTo(403);
        assertThat(get(id).at("/role/id").asInt()).isEqualTo(2);
        assertThat(mia.putJson(user(rootId), Map.of("videoQuota", 1)).status()).as("moderators cannot change admins").isEqualTo(403);
        long otherModerator = create("omar", 1);
        assertThat(mia.putJson(user(otherModerator), Map.of("videoQuota", 1)).status()).isEqualTo(403);
        assertThat(mia.postJson(user(otherModerator) + "/block", Map.of()).status()).isEqualTo(403);
        assertThat(mia.delete(user(rootId)).status()).isEqualTo(403);
        assertThat(mia.postJson(user(id) + "/block", Map.of("reason", "moderated")).status()).isEqualTo(204);
        assertThat(mia.postJson(user(id) + "/unblock", Map.of()).status()).isEqualTo(204);
        assertThat(bob.putJson(user(id), Map.of("videoQuota", 1)).status()).isEqualTo(403);
        assertThat(bob.postJson(user(id) + "/block", Map.of()).status()).isEqualTo(403);
        assertThat(bob.delete(user(id)).status()).isEqualTo(403);
        assertThat(tandem.client().putJson(user(id), Map.of("videoQuota", 1)).status()).isEqualTo(401);
        assertThat(tandem.client().delete(user(id)).status()).isEqualTo(401);
        assertThat(mia.delete(user(id)).status()).as("a moderator deletes a plain user").isEqualTo(204);
        assertThat(admin.get(user(id)).status()).isEqualTo(404);
    }

    @Test
    void a_blocked_user_cannot_log_in_and_loses_open_sessions_until_unblocked() {
        long id = create("frank", 2);
        TestClient frank = tandem.client().login("frank", "frank-password");
        String video = frank.upload(TestMedia.clipWithAudio(), "Frank's private video", Map.of("privacy", "3")).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        String master = frank.get("/api/v1/videos/" + video).json().at("/streamingPlaylists/0/playlistUrl").asText()
                + "?videoFileToken=" + frank.postJson("/api/v1/videos/" + video + "/token", Map.of()).json().at("/files/token").asText();
        assertThat(tandem.client().get(master).status()).isEqualTo(200);
        JsonNode client = tandem.client().get("/api/v1/oauth-clients/local").json();
        String refresh = tandem.client().token("frank", "frank-password").json().get("refresh_token").asText();

        assertThat(admin.postJson(user(id) + "/block", Map.of("reason", "x")).status()).as("reason too short").isEqualTo(400);
        assertThat(admin.postJson(user(id) + "/block", Map.of("reason", 12)).status()).isEqualTo(400);
        assertThat(admin.postJson(user(id) + "/block", Map.of("reason", "Spam links everywhere")).status()).isEqualTo(204);
        assertThat(frank.get("/api/v1/users/me").status()).isEqualTo(401);
        tandem.clock().advance(Duration.ofMillis(1100)); // file token checks are cached for a second
        assertThat(tandem.client().get(master).status()).as("a blocked user's video file tokens stop working").isEqualTo(403);
        Response login = tandem.client().token("frank", "frank-password");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.json().get("code").asText()).isEqualTo("access_denied");
        assertThat(login.json().get("detail").asText()).isEqualTo("User is blocked.");
        assertThat(tandem.client().token("frank", "wrong-password").json().get("code").asText())
                .as("no hint about the block without the password").isEqualTo("invalid_grant");
        Response refreshed = tandem.client().form("/api/v1/users/token", Map.of("client_id", client.get("client_id").asText(),
                "client_secret", client.get("client_secret").asText(), "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(get(id).get("blockedReason").asText()).isEqualTo("Spam links everywhere");

        assertThat(admin.postJson(user(id) + "/unblock", Map.of()).status()).isEqualTo(204);
        assertThat(get(id).get("blocked").asBoolean()).isFalse();
        assertThat(get(id).get("blockedReason").isNull()).isTrue();
        assertThat(tandem.client().login("frank", "frank-password").me().get("username").asText()).isEqualTo("frank");

        Response root = admin.postJson(user(rootId) + "/block", Map.of());
        assertThat(root.status()).isEqualTo(400);
        assertThat(root.json().get("detail").asText()).isEqualTo("Cannot block the root user");
        create("ada", 0);
        TestClient ada = tandem.client().login("ada", "ada-password");
        long adaId = ada.me().get("id").asLong();
        assertThat(ada.postJson(user(adaId) + "/block", Map.of()).json().get("detail").asText()).isEqualTo("You cannot block yourself");
        assertThat(ada.delete(user(adaId)).json().get("detail").asText()).isEqualTo("You cannot remove yourself");
        assertThat(admin.delete(user(rootId)).json().get("detail").asText()).isEqualTo("Cannot remove the root user");
        assertThat(admin.postJson("/api/v1/users/999999/block", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void deleting_a_user_removes_their_account_channels_videos_files_comments_and_ratings() {
        long id = create("gina", 2);
        TestClient gina = tandem.client().login("gina", "gina-password");
        String adminVideo = admin.upload(TestMedia.clipWithAudio(), "Admin's clip", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        Set<Path> before = storedFiles();
        String ginaVideo = gina.upload(TestMedia.clipWithAudio(), "Gina's clip", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        assertThat(storedFiles()).hasSizeGreaterThan(before.size());
        long thread = gina.postJson("/api/v1/videos/" + adminVideo + "/comment-threads", Map.of("text", "Nice"))
                .json().at("/comment/id").asLong();
        assertThat(bob.postJson("/api/v1/videos/" + adminVideo + "/comments/" + thread, Map.of("text", "Agreed")).status()).isEqualTo(200);
        assertThat(gina.putJson("/api/v1/videos/" + adminVideo + "/rate", Map.of("rating", "like")).status()).isEqualTo(204);
        assertThat(bob.putJson("/api/v1/videos/" + ginaVideo + "/rate", Map.of("rating", "like")).status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/videos/" + adminVideo).json().get("likes").asInt()).isEqualTo(1);

        assertThat(admin.delete(user(id)).status()).isEqualTo(204);
        tandem.awaitIdle();
        assertThat(admin.get(user(id)).status()).isEqualTo(404);
        assertThat(tandem.client().get("/api/v1/videos/" + ginaVideo).status()).isEqualTo(404);
        assertThat(tandem.client().get("/api/v1/video-channels/gina_channel").status()).isEqualTo(404);
        assertThat(storedFiles()).as("the video's files went with it").isEqualTo(before);
        assertThat(gina.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(tandem.client().token("gina", "gina-password").status()).isEqualTo(400);
        JsonNode adminClip = tandem.client().get("/api/v1/videos/" + adminVideo).json();
        assertThat(adminClip.get("likes").asInt()).as("her like is taken back").isZero();
        JsonNode threads = tandem.client().get("/api/v1/videos/" + adminVideo + "/comment-threads").json();
        assertThat(threads.get("total").asInt()).isZero();
        assertThat(threads.get("totalNotDeletedComments").asInt()).as("replies under her comment go too").isZero();
        assertThat(bob.me().get("username").asText()).as("other users are untouched").isEqualTo("bob");
        assertThat(admin.delete(user(id)).status()).isEqualTo(404);
    }

    private static Set<Path> storedFiles() {
        Path storage = tandem.dataDir().resolve("storage");
        try (Stream<Path> walk = Files.walk(storage)) {
            return walk.filter(Files::isRegularFile).map(storage::relativize).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A muted account notifies nobody who muted it, as PeerTube's notifier checks its blocklists: no
 * new-comment, reply, mention or new-video notification for the user who muted it, and none for anyone
 * when the instance blocked its server; muting forgets the notifications its comments already made.
 */
class MutedNotificationsTest {
    private static TestInstance tandem;
    private static TestClient u;
    private static TestClient x;
    private static TestClient witness;
    private static String uVideo;
    private static String xVideo;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        u = tandem.newUser("nu");
        x = tandem.newUser("nx");
        witness = tandem.newUser("nwitness");
        uVideo = u.uploaded(TestMedia.clipWithAudio(), "U's video", Map.of("privacy", "1"));
        xVideo = x.uploaded(TestMedia.clipWithAudio(), "X's first video", Map.of("privacy", "1"));
        tandem.awaitIdle();
        for (TestClient who : List.of(u, witness)) {
            assertThat(who.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "nx_channel")).status()).isEqualTo(204);
        }
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static List<JsonNode> notifications(TestClient who, int type) {
        Response r = who.get("/api/v1/users/me/notifications?count=100");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(n -> {
            if (n.path("type").asInt() == type) out.add(n);
        });
        return out;
    }

    private static long comment(TestClient who, String video, String path, String text) {
        Response r = who.postJson("/api/v1/videos/" + video + path, Map.of("text", text));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/comment/id").asLong();
    }

    @Test
    void a_muted_accounts_comments_replies_mentions_and_videos_notify_the_muter_no_more() {
        long uRoot = comment(u, xVideo, "/comment-threads", "U asks X something");
        comment(x, uVideo, "/comment-threads", "X before the mute");
        comment(x, xVideo, "/comments/" + uRoot, "X answers U before the mute");
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("the control: X is heard before the mute").hasSize(1);
        assertThat(notifications(u, Notifications.COMMENT_MENTION)).hasSize(1);

        assertThat(u.postJson("/api/v1/users/me/blocklist/accounts", Map.of("accountName", "nx")).status()).isEqualTo(204);
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("forgotten on mute, as PeerTube").isEmpty();
        assertThat(notifications(u, Notifications.COMMENT_MENTION)).isEmpty();

        comment(x, uVideo, "/comment-threads", "X after the mute");
        comment(x, xVideo, "/comments/" + uRoot, "X answers U after the mute");
        comment(x, xVideo, "/comment-threads", "Hello @nu and @nwitness");
        String second = x.uploaded(TestMedia.clipWithAudio(), "X's second video", Map.of("privacy", "1"));
        tandem.awaitIdle();

        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).isEmpty();
        assertThat(notifications(u, Notifications.COMMENT_MENTION)).isEmpty();
        assertThat(notifications(u, Notifications.NEW_VIDEO_FROM_SUBSCRIPTION)).noneMatch(n -> n.at("/video/uuid").asText().equals(second));
        // the witness, who muted no one, hears of both
        assertThat(notifications(witness, Notifications.COMMENT_MENTION)).hasSize(1);
        assertThat(notifications(witness, Notifications.NEW_VIDEO_FROM_SUBSCRIPTION)).anyMatch(n -> n.at("/video/uuid").asText().equals(second));

        assertThat(u.delete("/api/v1/users/me/blocklist/accounts/nx").status()).isEqualTo(204);
        comment(x, uVideo, "/comment-threads", "X after the unmute");
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).hasSize(1);
    }

    @Test
    void a_server_the_instance_blocked_or_the_user_muted_notifies_nobody() {
        long account = tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                "INSERT INTO accounts (name, host, display_name, created_at) VALUES ('far', 'far.example', 'Far', 0) RETURNING id").mapTo(Long.class).one());
        int before = notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO).size();
        remoteComment(account, 1);
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("the control").hasSize(before + 1);

        TestClient admin = tandem.admin();
        assertThat(admin.postJson("/api/v1/server/blocklist/servers", Map.of("host", "far.example")).status()).isEqualTo(204);
        remoteComment(account, 2);
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("blocked by the instance").hasSize(before + 1);
        assertThat(admin.delete("/api/v1/server/blocklist/servers/far.example").status()).isEqualTo(204);

        assertThat(u.postJson("/api/v1/users/me/blocklist/servers", Map.of("host", "far.example")).status()).isEqualTo(204);
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("the server's comments forgotten").hasSize(before);
        remoteComment(account, 3);
        assertThat(notifications(u, Notifications.NEW_COMMENT_ON_MY_VIDEO)).as("muted by the user").hasSize(before);
        assertThat(u.delete("/api/v1/users/me/blocklist/servers/far.example").status()).isEqualTo(204);
    }

    /** A remote comment on U's video, stored and announced as the inbox does (same transaction, same notifier). */
    private static void remoteComment(long account, int n) {
        var jdbi = tandem.app().database().jdbi();
        Notifications notifier = new Notifications(new NotificationStore(jdbi), tandem.clock(), tandem.app().config().publicHost());
        jdbi.useTransaction(h -> {
            long video = h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", uVideo).mapTo(Long.class).one();
            long id = new CommentStore(jdbi).insert(h, video, account, null, null, "Far comment " + n, 0, 0, "https://far.example/c/" + n, false);
            notifier.commented(h, id);
        });
    }
}

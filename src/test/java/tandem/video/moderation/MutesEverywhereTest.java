package tandem.video.moderation;

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
 * Mutes apply everywhere, as PeerTube's blocklists: user U mutes local account X and the server
 * spam.example (one remote account with a video and a comment, stored as federation stores them), and
 * every video list, the subscriptions feed, playlists and comments leave them out for U alone; the
 * instance's blocklist leaves them out for everyone, visitors included; unmuting brings them back; a
 * muted account's comments and videos notify nobody who muted it.
 */
class MutesEverywhereTest {
    private static final String REMOTE_HOST = "spam.example";
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient u;
    private static TestClient x;
    private static TestClient other;
    private static String xVideo;
    private static String uVideo;
    private static long uAccount;
    private static long uRoot;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        u = tandem.newUser("mu");
        x = tandem.newUser("mx");
        other = tandem.newUser("mother");
        xVideo = x.uploaded(TestMedia.clipWithAudio(), "Zebra crossing by X", Map.of("privacy", "1", "category", "1"));
        uVideo = u.uploaded(TestMedia.clipWithAudio(), "Zebra herd by U", Map.of("privacy", "1", "category", "1"));
        tandem.awaitIdle();
        uAccount = u.me().at("/account/id").asLong();
        assertThat(u.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "mx_channel")).status()).isEqualTo(204);
        // U's own thread on X's video, which X and the remote account answer
        uRoot = comment(u, xVideo, "/comment-threads", "Nice stripes");
        comment(x, xVideo, "/comment-threads", "Thanks from X");
        comment(x, xVideo, "/comments/" + uRoot, "X replies");
        remoteFixture();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    /** A remote account, channel, public video and comment as the inbox stores them; U subscribes to the channel. */
    private static void remoteFixture() {
        tandem.app().database().jdbi().useHandle(h -> {
            long account = h.createQuery("INSERT INTO accounts (name, host, display_name, created_at) VALUES ('spammer', :h, 'Spammer', 0) RETURNING id")
                    .bind("h", REMOTE_HOST).mapTo(Long.class).one();
            long channel = h.createQuery("""
                    INSERT INTO channels (account_id, name, host, display_name, created_at) VALUES (:a, 'spammer_c', :h, 'Spam channel', 0) RETURNING id""")
                    .bind("a", account).bind("h", REMOTE_HOST).mapTo(Long.class).one();
            long now = System.currentTimeMillis();
            h.createUpdate("""
                    INSERT INTO videos (uuid, channel_id, name, category, privacy, state, file_key, is_local, created_at, updated_at, published_at)
                    VALUES ('5a5a5a5a-0000-4000-8000-000000000001', :c, 'Zebra spam from afar', 1, 1, 1, 'remote-spam', FALSE, :t, :t, :t)""")
                    .bind("c", channel).bind("t", now).execute();
            long xVideoId = h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", xVideo).mapTo(Long.class).one();
            long id = h.createQuery("""
                    INSERT INTO video_comments (video_id, account_id, text, created_at, updated_at, url, held_for_review)
                    VALUES (:v, :a, 'Remote spam comment', :t, :t, 'https://spam.example/comments/1', FALSE) RETURNING id""")
                    .bind("v", xVideoId).bind("a", account).bind("t", now).mapTo(Long.class).one();
            h.createUpdate("UPDATE video_comments SET thread_id = id WHERE id = :id").bind("id", id).execute();
            h.createUpdate("INSERT INTO subscriptions (account_id, channel_id, created_at) VALUES (:a, :c, 0)").bind("a", uAccount).bind("c", channel).execute();
        });
    }

    private static long comment(TestClient who, String video, String path, String text) {
        Response r = who.postJson("/api/v1/videos/" + video + path, Map.of("text", text));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/comment/id").asLong();
    }

    private static List<String> names(TestClient who, String path) {
        Response r = who.get(path);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("data").forEach(v -> out.add(v.path("name").asText()));
        assertThat(r.json().path("total").asLong()).as("total of " + path).isGreaterThanOrEqualTo(out.size());
        return out;
    }

    private static String feed(TestClient who) {
        String token = who.get("/api/v1/users/scoped-tokens").json().get("feedToken").asText();
        return tandem.client().get("/feeds/subscriptions.xml?accountId=" + who.me().at("/account/id").asLong() + "&token=" + token).text();
    }

    private static List<String> commentTexts(TestClient who) {
        List<String> out = new ArrayList<>();
        JsonNode threads = who.get("/api/v1/videos/" + xVideo + "/comment-threads?count=100").json();
        threads.path("data").forEach(c -> out.add(c.path("text").asText()));
        who.get("/api/v1/videos/" + xVideo + "/comment-threads/" + uRoot).json().path("children")
                .forEach(c -> out.add(c.at("/comment/text").asText()));
        return out;
    }

    /** Every list that shows videos, with the name of what U may or may not see in each. */
    private static List<String> everyVideoList(TestClient who) {
        List<String> out = new ArrayList<>();
        for (String path : List.of("/api/v1/videos?count=100", "/api/v1/videos?sort=-trending&count=100", "/api/v1/videos?sort=-publishedAt&isLocal=false",
                "/api/v1/videos?categoryOneOf=1", "/api/v1/search/videos?search=zebra",
                "/api/v1/accounts/mx/videos", "/api/v1/video-channels/mx_channel/videos")) {
            out.addAll(names(who, path).stream().map(n -> path + " " + n).toList());
        }
        return out;
    }

    @Test
    void a_users_mutes_hide_an_account_and_a_server_from_every_list_for_that_user_only() {
        List<String> before = everyVideoList(u);
        assertThat(before).anyMatch(s -> s.endsWith("Zebra crossing by X")).anyMatch(s -> s.endsWith("Zebra spam from afar"));
        assertThat(names(u, "/api/v1/users/me/subscriptions/videos")).contains("Zebra crossing by X", "Zebra spam from afar");
        assertThat(feed(u)).contains("Zebra crossing by X", "Zebra spam from afar");
        assertThat(commentTexts(u)).contains("Thanks from X", "X replies", "Remote spam comment");

        long playlist = u.postJson("/api/v1/video-playlists", Map.of("displayName", "Mine", "privacy", 3)).json().at("/videoPlaylist/id").asLong();
        for (String v : List.of(xVideo, "5a5a5a5a-0000-4000-8000-000000000001", uVideo)) {
            long id = u.get("/api/v1/videos/" + v).json().path("id").asLong();
            assertThat(u.postJson("/api/v1/video-playlists/" + playlist + "/videos", Map.of("videoId", id)).status()).isEqualTo(200);
        }
        assertThat(elementTypes(u, playlist)).containsExactly(0, 0, 0);

        assertThat(u.postJson("/api/v1/users/me/blocklist/accounts", Map.of("accountName", "mx")).status()).isEqualTo(204);
        assertThat(u.postJson("/api/v1/users/me/blocklist/servers", Map.of("host", REMOTE_HOST)).status()).isEqualTo(204);

        List<String> muted = everyVideoList(u);
        assertThat(muted).noneMatch(s -> s.endsWith("Zebra crossing by X")).noneMatch(s -> s.endsWith("Zebra spam from afar"))
                .anyMatch(s -> s.endsWith("Zebra herd by U"));
        assertThat(u.get("/api/v1/videos?count=100").json().path("total").asLong()).isEqualTo(1);
        assertThat(u.get("/api/v1/accounts/mx/videos").json().path("total").asLong()).as("the muted account's own page, as PeerTube").isZero();
        assertThat(names(u, "/api/v1/users/me/subscriptions/videos")).isEmpty();
        assertThat(feed(u)).doesNotContain("Zebra crossing by X").doesNotContain("Zebra spam from afar");
        assertThat(commentTexts(u)).contains("Nice stripes").doesNotContain("Thanks from X", "X replies", "Remote spam comment");
        assertThat(u.get("/api/v1/videos/" + xVideo + "/comment-threads").json().path("total").asInt()).isEqualTo(1);
        JsonNode uThread = u.get("/api/v1/videos/" + xVideo + "/comment-threads").json().at("/data/0");
        assertThat(uThread.path("totalReplies").asInt()).as("the muted reply is not counted").isZero();
        assertThat(elementTypes(u, playlist)).as("muted videos stay in place, unavailable").containsExactly(2, 2, 0);
        assertThat(u.get("/api/v1/video-playlists/" + playlist + "/videos").json().path("total").asInt()).isEqualTo(3);
        assertThat(u.get("/api/v1/videos/" + xVideo).status()).as("the video itself still opens").isEqualTo(200);

        // nobody else is affected
        assertThat(everyVideoList(other)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(everyVideoList(tandem.client())).containsExactlyInAnyOrderElementsOf(before);
        assertThat(commentTexts(other)).contains("Thanks from X", "X replies", "Remote spam comment");

        assertThat(u.delete("/api/v1/users/me/blocklist/accounts/mx").status()).isEqualTo(204);
        assertThat(u.delete("/api/v1/users/me/blocklist/servers/" + REMOTE_HOST).status()).isEqualTo(204);
        assertThat(everyVideoList(u)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(feed(u)).contains("Zebra crossing by X", "Zebra spam from afar");
        assertThat(commentTexts(u)).contains("Thanks from X", "X replies", "Remote spam comment");
        assertThat(elementTypes(u, playlist)).containsExactly(0, 0, 0);
    }

    @Test
    void the_instance_blocklist_hides_for_everyone_visitors_included() {
        List<String> before = everyVideoList(tandem.client());
        assertThat(before).anyMatch(s -> s.endsWith("Zebra spam from afar"));
        // the admin's blocklist takes remote accounts (name@host) and servers
        for (var block : List.of(Map.of("accountName", "spammer@" + REMOTE_HOST), Map.of("host", REMOTE_HOST))) {
            String kind = block.containsKey("host") ? "servers" : "accounts";
            assertThat(admin.postJson("/api/v1/server/blocklist/" + kind, block).status()).isEqualTo(204);
            try {
                for (TestClient who : List.of(tandem.client(), other, u)) {
                    assertThat(everyVideoList(who)).as(kind).noneMatch(s -> s.endsWith("Zebra spam from afar"))
                            .anyMatch(s -> s.endsWith("Zebra crossing by X")).anyMatch(s -> s.endsWith("Zebra herd by U"));
                    assertThat(commentTexts(who)).as(kind).contains("Nice stripes", "Thanks from X").doesNotContain("Remote spam comment");
                }
                assertThat(tandem.client().get("/api/v1/videos?count=100").json().path("total").asLong()).isEqualTo(2);
                assertThat(names(u, "/api/v1/users/me/subscriptions/videos")).containsExactly("Zebra crossing by X");
                assertThat(feed(u)).doesNotContain("Zebra spam from afar");
            } finally {
                String target = kind.equals("servers") ? REMOTE_HOST : "spammer@" + REMOTE_HOST;
                assertThat(admin.delete("/api/v1/server/blocklist/" + kind + "/" + target).status()).isEqualTo(204);
            }
        }
        assertThat(everyVideoList(tandem.client())).containsExactlyInAnyOrderElementsOf(before);
        assertThat(commentTexts(tandem.client())).contains("Thanks from X", "Remote spam comment");
    }

    @Test
    void a_video_owners_mutes_hide_comments_on_their_videos_for_everyone() {
        TestClient owner = tandem.newUser("mowner");
        String video = owner.uploaded(TestMedia.clipWithAudio(), "Owner's quiet video", Map.of("privacy", "1"));
        tandem.awaitIdle();
        comment(x, video, "/comment-threads", "X on the owner's video");
        assertThat(tandem.client().get("/api/v1/videos/" + video + "/comment-threads").json().path("total").asInt()).isEqualTo(1);
        assertThat(owner.postJson("/api/v1/users/me/blocklist/accounts", Map.of("accountName", "mx")).status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/videos/" + video + "/comment-threads").json().path("total").asInt()).isZero();
        assertThat(other.get("/api/v1/videos/" + video + "/comment-threads").json().path("total").asInt()).isZero();
        assertThat(tandem.client().get("/api/v1/videos/" + xVideo + "/comment-threads").json().path("total").asInt())
                .as("on other owners' videos X still shows").isGreaterThan(1);
        assertThat(owner.delete("/api/v1/users/me/blocklist/accounts/mx").status()).isEqualTo(204);
    }

    private static List<Integer> elementTypes(TestClient who, long playlist) {
        List<Integer> out = new ArrayList<>();
        who.get("/api/v1/video-playlists/" + playlist + "/videos").json().path("data").forEach(e -> {
            out.add(e.at("/type").asInt());
            assertThat(e.path("video").isNull() || e.path("video").isMissingNode()).isEqualTo(e.at("/type").asInt() == 2);
        });
        return out;
    }
}

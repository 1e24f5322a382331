package tandem.interop.peertube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;
import tandem.web.BrowserScript;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static tandem.interop.peertube.RealPeertube.await;

/**
 * Tandem and a real PeerTube as partners, over loopback HTTP, each through its own REST API as
 * their users would: follows both ways, videos both ways, a reply chain across both servers,
 * PeerTube refreshing our video without losing a comment, likes, updates, subscriptions, views,
 * profile updates, avatars and banners, deletes, unfollows.
 * Not part of `./tandem test` (CI cannot build PeerTube): `./tandem test-interop` runs it, and it
 * fails when no PeerTube answers. The steps run in order and build on each other.
 */
@Tag("peertube")
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeertubePartnerTest {
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TANDEM_INTEROP_PORT", "19401"));
    private static final String HOST = "127.0.0.1:" + PORT;
    private static final Duration FEDERATION = Duration.ofSeconds(60);

    private TestInstance tandem;
    private TestClient us;
    private TestClient them;
    private String theirVideo;   // uuid of the video uploaded on PeerTube
    private String ourVideo;     // uuid of the video uploaded on Tandem
    private String theirVideoHere; // the PeerTube video's uuid as Tandem knows it (the same uuid)
    private long ourVideoThere;  // our video's id on PeerTube

    @BeforeAll
    void start() {
        them = RealPeertube.root();
        tandem = TestInstance.start(Federated.settings(Map.of("port", String.valueOf(PORT), "public_url", "http://" + HOST)));
        // Tokens are handed out on the public host only, as PeerTube does.
        us = new TestClient("http://" + HOST).login("root", TestInstance.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    @Order(1)
    void the_two_instances_follow_each_other() {
        assertThat(us.postJson("/api/v1/server/following", Map.of("hosts", List.of(RealPeertube.HOST))).status()).isIn(200, 204);
        assertThat(them.postJson("/api/v1/server/following", Map.of("hosts", List.of(HOST))).status()).isIn(200, 204);
        await("Tandem's follow of PeerTube accepted", FEDERATION, () ->
                RealPeertube.followRow(us.get("/api/v1/server/following?count=100").json(), "following", RealPeertube.HOST, "accepted"));
        await("PeerTube's follow of Tandem accepted", FEDERATION, () ->
                RealPeertube.followRow(them.get("/api/v1/server/following?count=100").json(), "following", HOST, "accepted"));
        await("Tandem lists PeerTube as a follower", FEDERATION, () ->
                RealPeertube.followRow(us.get("/api/v1/server/followers?count=100").json(), "follower", RealPeertube.HOST, "accepted"));
    }

    @Test
    @Order(2)
    void a_video_uploaded_on_peertube_appears_on_tandem() {
        TestClient.Response up = them.upload(TestMedia.clipWithAudio(), "Made on PeerTube", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        theirVideo = up.json().at("/video/uuid").asText();
        await("PeerTube publishes its video", Duration.ofMinutes(4), () ->
                them.get("/api/v1/videos/" + theirVideo).json().at("/state/id").asInt() == 1 ? true : null);
        // We follow PeerTube: its video arrives by itself, under its own uuid.
        JsonNode here = await("the PeerTube video on Tandem", FEDERATION, () -> {
            TestClient.Response r = us.get("/api/v1/videos/" + theirVideo);
            return r.status() == 200 && !r.json().get("isLocal").asBoolean() ? r.json() : null;
        });
        theirVideoHere = here.get("uuid").asText();
        // As PeerTube's users do: paste the video's address into the search.
        JsonNode found = us.get("/api/v1/search/videos?search=" + enc(RealPeertube.URL + "/videos/watch/" + theirVideo)).json();
        assertThat(found.at("/data/0/uuid").asText()).as(found.toString()).isEqualTo(theirVideoHere);
        JsonNode details = us.get("/api/v1/videos/" + theirVideoHere).json();
        assertThat(details.get("name").asText()).isEqualTo("Made on PeerTube");
        assertThat(details.at("/streamingPlaylists/0/playlistUrl").asText()).startsWith(RealPeertube.URL);
        assertThat(details.at("/streamingPlaylists/0/files").size()).isPositive();
    }

    @Test
    @Order(3)
    void tandems_player_plays_the_peertube_video_from_peertube_with_every_segment_verified() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs",
                "http://" + HOST + "/videos/watch/" + theirVideoHere, "1", "60");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        JsonNode viewer = run.report().at("/viewers/0");
        assertThat(viewer.get("currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(viewer.at("/stats/http").asLong()).as(out).isPositive();
        assertThat(viewer.at("/stats/rejected").asInt()).as(out).isZero();
        assertThat(viewer.at("/stats/error").isNull()).as(out).isTrue();
        System.out.println("interop: Tandem's player on PeerTube's video: " + viewer);
    }

    @Test
    @Order(4)
    void a_video_uploaded_on_tandem_appears_on_peertube_with_its_sound_and_torrents() {
        TestClient.Response up = us.upload(TestMedia.clipWithAudio(), "Made on Tandem", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        ourVideo = up.json().at("/video/uuid").asText();
        tandem.awaitIdle(Duration.ofMinutes(4));
        JsonNode there = await("our video on PeerTube", FEDERATION, () -> {
            JsonNode v = them.get("/api/v1/search/videos?search=" + enc("http://" + HOST + "/videos/watch/" + ourVideo)).json();
            return v.get("total").asInt() == 1 ? v.at("/data/0") : null;
        });
        ourVideoThere = there.get("id").asLong();
        JsonNode details = them.get("/api/v1/videos/" + ourVideo).json();
        assertThat(details.get("name").asText()).isEqualTo("Made on Tandem");
        JsonNode files = details.at("/streamingPlaylists/0/files");
        assertThat(files.size()).as(details.toString()).isPositive();
        for (JsonNode f : files) {
            assertThat(f.path("hasAudio").asBoolean(true)).as("hasAudio of " + f).isTrue();
            assertThat(f.path("torrentUrl").asText("")).as("torrentUrl of " + f).isNotBlank();
        }
    }

    @Test
    @Order(5)
    void a_reply_chain_of_three_levels_crosses_both_servers_on_their_video() {
        // 1: we comment on PeerTube's video; 2: PeerTube replies to us; 3: we answer the reply.
        long ours = us.postJson("/api/v1/videos/" + theirVideoHere + "/comment-threads", Map.of("text", "Hello from Tandem")).json()
                .at("/comment/id").asLong();
        JsonNode ourThere = await("our comment on PeerTube", FEDERATION, () -> comment(them, theirVideo, "Hello from Tandem"));
        TestClient.Response reply = them.postJson("/api/v1/videos/" + theirVideo + "/comments/" + ourThere.get("id").asLong(),
                Map.of("text", "PeerTube answers"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode replyHere = await("PeerTube's reply on Tandem", FEDERATION, () -> comment(us, theirVideoHere, "PeerTube answers"));
        assertThat(replyHere.path("inReplyToCommentId").asLong()).isEqualTo(ours);
        assertThat(us.postJson("/api/v1/videos/" + theirVideoHere + "/comments/" + replyHere.get("id").asLong(),
                Map.of("text", "Tandem answers back")).status()).isEqualTo(200);
        await("the third level on PeerTube", FEDERATION, () -> comment(them, theirVideo, "Tandem answers back"));
        assertThat(texts(them, theirVideo)).containsExactlyInAnyOrder("Hello from Tandem", "PeerTube answers", "Tandem answers back");
        assertThat(texts(us, theirVideoHere)).containsExactlyInAnyOrder("Hello from Tandem", "PeerTube answers", "Tandem answers back");
    }

    @Test
    @Order(6)
    void a_reply_chain_of_three_levels_crosses_both_servers_on_our_video() {
        JsonNode root = them.postJson("/api/v1/videos/" + ourVideoThere + "/comment-threads", Map.of("text", "PeerTube was here")).json();
        assertThat(root.at("/comment/id").isMissingNode()).as(root.toString()).isFalse();
        JsonNode rootHere = await("PeerTube's comment on Tandem", FEDERATION, () -> comment(us, ourVideo, "PeerTube was here"));
        assertThat(us.postJson("/api/v1/videos/" + ourVideo + "/comments/" + rootHere.get("id").asLong(), Map.of("text", "Tandem replies"))
                .status()).isEqualTo(200);
        JsonNode replyThere = await("our reply on PeerTube", FEDERATION, () -> comment(them, ourVideo, "Tandem replies"));
        assertThat(them.postJson("/api/v1/videos/" + ourVideo + "/comments/" + replyThere.get("id").asLong(),
                Map.of("text", "PeerTube replies again")).status()).isEqualTo(200);
        await("the third level on Tandem", FEDERATION, () -> comment(us, ourVideo, "PeerTube replies again"));
        assertThat(texts(us, ourVideo)).containsExactlyInAnyOrder("PeerTube was here", "Tandem replies", "PeerTube replies again");
    }

    @Test
    @Order(7)
    void peertube_refreshes_our_video_and_every_comment_and_reply_survives() throws InterruptedException {
        String before = them.get("/api/v1/videos/" + ourVideo).json().get("updatedAt").asText();
        // Test mode refreshes a remote video read more than ~10 s after its last refresh.
        Thread.sleep(12_000);
        await("PeerTube refreshed our video", FEDERATION, () -> {
            JsonNode v = them.get("/api/v1/videos/" + ourVideo).json();
            return v.get("updatedAt").asText().equals(before) ? null : v;
        });
        Thread.sleep(3000); // the comments crawl runs after the video's own refresh
        assertThat(texts(them, ourVideo)).containsExactlyInAnyOrder("PeerTube was here", "Tandem replies", "PeerTube replies again");
    }

    @Test
    @Order(8)
    void likes_travel_both_ways() {
        assertThat(them.putJson("/api/v1/videos/" + ourVideo + "/rate", Map.of("rating", "like")).status()).isEqualTo(204);
        await("PeerTube's like on Tandem", FEDERATION, () -> us.get("/api/v1/videos/" + ourVideo).json().get("likes").asInt() == 1 ? true : null);
        assertThat(us.putJson("/api/v1/videos/" + theirVideoHere + "/rate", Map.of("rating", "like")).status()).isEqualTo(204);
        await("our like on PeerTube", FEDERATION, () -> them.get("/api/v1/videos/" + theirVideo).json().get("likes").asInt() == 1 ? true : null);
    }

    @Test
    @Order(9)
    void updates_reach_the_other_side() {
        assertThat(us.putJson("/api/v1/videos/" + ourVideo, Map.of("name", "Made on Tandem, renamed")).status()).isEqualTo(204);
        await("the new name on PeerTube", FEDERATION, () ->
                them.get("/api/v1/videos/" + ourVideo).json().get("name").asText().equals("Made on Tandem, renamed") ? true : null);
        assertThat(them.putJson("/api/v1/videos/" + theirVideo, Map.of("name", "Made on PeerTube, renamed")).status()).isEqualTo(204);
        await("the new name on Tandem", FEDERATION, () ->
                us.get("/api/v1/videos/" + theirVideoHere).json().get("name").asText().equals("Made on PeerTube, renamed") ? true : null);
    }

    @Test
    @Order(10)
    void channel_subscriptions_work_both_ways() {
        String theirChannel = them.me().at("/videoChannels/0/name").asText() + "@" + RealPeertube.HOST;
        String ourChannel = us.me().at("/videoChannels/0/name").asText() + "@" + HOST;
        assertThat(us.postJson("/api/v1/users/me/subscriptions", Map.of("uri", theirChannel)).status()).isIn(200, 204);
        assertThat(them.postJson("/api/v1/users/me/subscriptions", Map.of("uri", ourChannel)).status()).isIn(200, 204);
        await("our subscription accepted", FEDERATION, () ->
                us.get("/api/v1/users/me/subscriptions/exist?uris=" + enc(theirChannel)).json().path(theirChannel).asBoolean() ? true : null);
        await("PeerTube's subscription accepted", FEDERATION, () ->
                them.get("/api/v1/users/me/subscriptions/exist?uris=" + enc(ourChannel)).json().path(ourChannel).asBoolean() ? true : null);
    }

    @Test
    @Order(11)
    void views_are_counted_by_the_videos_origin() {
        // PeerTube counts a view of a short video once more than half of it was watched: two reports, 0 s then 2 s (whole seconds).
        for (int at : new int[] {0, 2}) {
            assertThat(them.postJson("/api/v1/videos/" + ourVideo + "/views", Map.of("currentTime", at, "sessionId", "interop-viewer"))
                    .status()).isEqualTo(204);
        }
        await("PeerTube's view counted on Tandem", Duration.ofSeconds(90), () ->
                us.get("/api/v1/videos/" + ourVideo).json().get("views").asInt() >= 1 ? true : null);
        for (int at : new int[] {0, 2}) {
            assertThat(us.postJson("/api/v1/videos/" + theirVideoHere + "/views", Map.of("currentTime", at, "sessionId", "interop-viewer"))
                    .status()).isEqualTo(204);
        }
        await("our view counted on PeerTube", Duration.ofSeconds(90), () ->
                them.get("/api/v1/videos/" + theirVideo).json().get("views").asInt() >= 1 ? true : null);
    }

    @Test
    @Order(12)
    void profile_updates_reach_the_other_side() {
        assertThat(us.putJson("/api/v1/users/me", Map.of("displayName", "Tandem's root")).status()).isEqualTo(204);
        await("our new display name on PeerTube", FEDERATION, () ->
                them.get("/api/v1/accounts/root@" + HOST).json().path("displayName").asText().equals("Tandem's root") ? true : null);
        assertThat(them.putJson("/api/v1/users/me", Map.of("displayName", "PeerTube's root")).status()).isEqualTo(204);
        await("PeerTube's new display name on Tandem", FEDERATION, () ->
                us.get("/api/v1/accounts/root@" + RealPeertube.HOST).json().path("displayName").asText().equals("PeerTube's root") ? true : null);
    }

    @Test
    @Order(13)
    void account_avatars_reach_the_other_side_and_are_served_there() {
        assertThat(us.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", TestMedia.png(400, 400)).status()).isEqualTo(200);
        JsonNode onPeertube = await("our avatar on PeerTube", FEDERATION, () -> {
            JsonNode a = them.get("/api/v1/accounts/root@" + HOST).json().path("avatars");
            return a.isEmpty() ? null : a;
        });
        assertThat(new TestClient(RealPeertube.URL).get(onPeertube.get(0).path("path").asText()).status())
                .as("PeerTube serves its copy of our avatar").isEqualTo(200);

        TestClient.Response picked = them.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", TestMedia.png(400, 400));
        assertThat(picked.status()).isEqualTo(200);
        List<String> theirs = new ArrayList<>();
        picked.json().path("avatars").forEach(a -> theirs.add(RealPeertube.URL + a.path("path").asText()));
        // This avatar, not one PeerTube's root had before.
        JsonNode here = await("PeerTube's new avatar on Tandem", FEDERATION, () -> {
            for (JsonNode a : us.get("/api/v1/accounts/root@" + RealPeertube.HOST).json().path("avatars")) {
                if (theirs.contains(a.path("fileUrl").asText())) return a;
            }
            return null;
        });
        TestClient.Response copy = tandem.client().get(here.path("path").asText());
        assertThat(copy.status()).as("Tandem serves its copy of PeerTube's avatar").isEqualTo(200);
        assertThat(copy.header("Content-Type")).startsWith("image/");
    }

    @Test
    @Order(14)
    void a_channel_avatar_and_banner_reach_peertube() {
        String channel = us.me().at("/videoChannels/0/name").asText();
        assertThat(us.multipart("POST", "/api/v1/video-channels/" + channel + "/avatar/pick", Map.of(), "avatarfile", TestMedia.png(300, 300))
                .status()).isEqualTo(200);
        assertThat(us.multipart("POST", "/api/v1/video-channels/" + channel + "/banner/pick", Map.of(), "bannerfile", TestMedia.png(1920, 317))
                .status()).isEqualTo(200);
        JsonNode there = await("our channel's avatar and banner on PeerTube", FEDERATION, () -> {
            JsonNode c = them.get("/api/v1/video-channels/" + channel + "@" + HOST).json();
            return c.path("avatars").isEmpty() || c.path("banners").isEmpty() ? null : c;
        });
        assertThat(new TestClient(RealPeertube.URL).get(there.at("/banners/0/path").asText()).status()).isEqualTo(200);
    }

    @Test
    @Order(15)
    void deletes_reach_the_other_side() {
        assertThat(us.delete("/api/v1/videos/" + ourVideo).status()).isEqualTo(204);
        await("our video gone from PeerTube", FEDERATION, () -> them.get("/api/v1/videos/" + ourVideo).status() == 404 ? true : null);
        assertThat(them.delete("/api/v1/videos/" + theirVideo).status()).isEqualTo(204);
        await("their video gone from Tandem", FEDERATION, () -> us.get("/api/v1/videos/" + theirVideoHere).status() == 404 ? true : null);
    }

    @Test
    @Order(16)
    void the_instances_unfollow_each_other() {
        assertThat(us.delete("/api/v1/server/following/" + RealPeertube.HOST).status()).isIn(200, 204);
        assertThat(them.delete("/api/v1/server/following/" + HOST).status()).isIn(200, 204);
        await("PeerTube no longer lists us as a follower", FEDERATION, () ->
                RealPeertube.followRow(them.get("/api/v1/server/followers?count=100").json(), "follower", HOST, "accepted") == null ? true : null);
        await("we no longer list PeerTube as a follower", FEDERATION, () ->
                RealPeertube.followRow(us.get("/api/v1/server/followers?count=100").json(), "follower", RealPeertube.HOST, "accepted") == null ? true : null);
    }

    /** Every comment of a video on an instance, flattened from its threads. */
    private static List<JsonNode> comments(TestClient on, String video) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode threads = on.get("/api/v1/videos/" + video + "/comment-threads?count=100").json();
        for (JsonNode t : threads.get("data")) collect(on.get("/api/v1/videos/" + video + "/comment-threads/" + t.get("id").asLong()).json(), all);
        return all;
    }

    private static void collect(JsonNode tree, List<JsonNode> into) {
        into.add(tree.get("comment"));
        for (JsonNode child : tree.get("children")) collect(child, into);
    }

    private static JsonNode comment(TestClient on, String video, String text) {
        return comments(on, video).stream().filter(c -> text.equals(c.get("text").asText())).findFirst().orElse(null);
    }

    private static List<String> texts(TestClient on, String video) {
        return comments(on, video).stream().map(c -> c.get("text").asText()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

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
 * Notifications at PeerTube's paths: a subscribed channel's new video, a comment on my video, a reply
 * to my comment and a mention, each once and only to the one concerned; reading them and the settings.
 */
class NotificationsTest {
    private static TestInstance tandem;
    private static TestClient ana;
    private static TestClient ben;
    private static TestClient carol;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        ana = tandem.newUser("ana");
        ben = tandem.newUser("ben");
        carol = tandem.newUser("carol");
        assertThat(ana.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "ben_channel")).status()).isEqualTo(204);
        uuid = ben.uploaded(TestMedia.clipWithAudio(), "Ben's garden", Map.of("privacy", "1"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static List<JsonNode> notifications(TestClient who, String query) {
        Response r = who.get("/api/v1/users/me/notifications" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("data").forEach(out::add);
        return out;
    }

    private static List<JsonNode> ofType(TestClient who, int type) {
        return notifications(who, "?count=100").stream().filter(n -> n.get("type").asInt() == type).toList();
    }

    private static long comment(TestClient who, String path, String text) {
        Response r = who.postJson("/api/v1/videos/" + uuid + path, Map.of("text", text));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/comment/id").asLong();
    }

    @Test
    void a_subscriber_hears_of_a_new_video_once_and_others_do_not() {
        List<JsonNode> news = ofType(ana, 1);
        assertThat(news).hasSize(1);
        assertThat(news.getFirst().at("/video/uuid").asText()).isEqualTo(uuid);
        assertThat(news.getFirst().at("/video/name").asText()).isEqualTo("Ben's garden");
        assertThat(news.getFirst().at("/video/channel/name").asText()).isEqualTo("ben_channel");
        assertThat(news.getFirst().at("/video/shortUUID").asText()).isNotEmpty();
        assertThat(ofType(carol, 1)).as("carol subscribes to nothing").isEmpty();
        assertThat(ofType(ben, 1)).isEmpty();
    }

    @Test
    void a_private_video_made_public_later_is_news_then_and_only_then() {
        TestClient erin = tandem.newUser("erin");
        TestClient dan = tandem.newUser("dan");
        assertThat(dan.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "erin_channel")).status()).isEqualTo(204);
        String later = erin.uploaded(TestMedia.clipWithAudio(), "Erin's draft", Map.of("privacy", "3"));
        tandem.awaitIdle();
        assertThat(ofType(dan, 1)).as("a private video is nobody's news").isEmpty();

        assertThat(erin.putJson("/api/v1/videos/" + later, Map.of("name", "Erin's draft, retitled")).status()).isEqualTo(204);
        assertThat(ofType(dan, 1)).as("still private").isEmpty();
        assertThat(erin.putJson("/api/v1/videos/" + later, Map.of("privacy", 1)).status()).isEqualTo(204);
        List<JsonNode> news = ofType(dan, 1);
        assertThat(news).hasSize(1);
        assertThat(news.getFirst().at("/video/uuid").asText()).isEqualTo(later);
        assertThat(erin.putJson("/api/v1/videos/" + later, Map.of("name", "Erin's garden")).status()).isEqualTo(204);
        assertThat(ofType(dan, 1)).as("an update of a public video is not news again").hasSize(1);
    }

    @Test
    void comments_replies_and_mentions_reach_the_one_concerned() {
        long anas = comment(ana, "/comment-threads", "Lovely tomatoes");
        List<JsonNode> onMyVideo = ofType(ben, 2);
        assertThat(onMyVideo).as("ben owns the video").anySatisfy(n -> {
            assertThat(n.at("/comment/id").asLong()).isEqualTo(anas);
            assertThat(n.at("/comment/account/name").asText()).isEqualTo("ana");
            assertThat(n.at("/comment/video/uuid").asText()).isEqualTo(uuid);
        });
        int anaBefore = ofType(ana, 11).size();
        long reply = comment(ben, "/comments/" + anas, "Thanks, they are cherry ones");
        assertThat(ofType(ana, 11)).hasSize(anaBefore + 1).anySatisfy(n -> {
            assertThat(n.at("/comment/id").asLong()).isEqualTo(reply);
            assertThat(n.at("/comment/account/name").asText()).isEqualTo("ben");
            assertThat(n.at("/comment/threadId").asLong()).isEqualTo(anas);
        });
        assertThat(ofType(ben, 11)).as("nobody hears of their own reply").noneMatch(n -> n.at("/comment/id").asLong() == reply);

        long mention = comment(carol, "/comment-threads", "Ask @ana and @ana@" + tandem.baseUrl().substring(7) + " about seeds, not @nobody");
        assertThat(ofType(ana, 11).stream().filter(n -> n.at("/comment/id").asLong() == mention)).as("one notification per comment").hasSize(1);
        assertThat(ofType(ben, 2)).as("the owner hears of carol's comment").anyMatch(n -> n.at("/comment/id").asLong() == mention);
    }

    @Test
    void reading_marks_only_my_own_and_bad_ids_are_refused() {
        comment(carol, "/comment-threads", "Hello @ana");
        List<JsonNode> unread = notifications(ana, "?unread=true");
        assertThat(unread).isNotEmpty().allMatch(n -> !n.get("read").asBoolean());
        long id = unread.getFirst().get("id").asLong();
        assertThat(ben.postJson("/api/v1/users/me/notifications/read", Map.of("ids", List.of(id))).status()).isEqualTo(204);
        assertThat(notifications(ana, "?unread=true")).as("ben cannot read ana's").anyMatch(n -> n.get("id").asLong() == id);
        assertThat(ana.postJson("/api/v1/users/me/notifications/read", Map.of("ids", List.of(id))).status()).isEqualTo(204);
        assertThat(notifications(ana, "?unread=true")).noneMatch(n -> n.get("id").asLong() == id);
        Response bad = ana.postJson("/api/v1/users/me/notifications/read", Map.of("ids", List.of("x")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("ids");
        assertThat(ana.postJson("/api/v1/users/me/notifications/read", Map.of()).status()).isEqualTo(400);
        assertThat(ana.postJson("/api/v1/users/me/notifications/read-all", Map.of()).status()).isEqualTo(204);
        assertThat(ana.get("/api/v1/users/me/notifications?unread=true&count=0").json().get("total").asInt()).isZero();
        assertThat(tandem.client().get("/api/v1/users/me/notifications").status()).isEqualTo(401);
    }

    @Test
    void settings_follow_peertubes_names_and_turn_notifications_off() {
        JsonNode s = carol.get("/api/v1/users/me/notification-settings").json();
        assertThat(s.get("newVideoFromSubscription").asInt()).isEqualTo(1);
        assertThat(s.get("commentMention").asInt()).isEqualTo(1);
        Response unknown = carol.putJson("/api/v1/users/me/notification-settings", Map.of("bogus", 1));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("bogus");
        Response outOfRange = carol.putJson("/api/v1/users/me/notification-settings", Map.of("commentMention", 7));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.text()).contains("commentMention");
        assertThat(carol.putJson("/api/v1/users/me/notification-settings", Map.of("commentMention", 0)).status()).isEqualTo(204);
        assertThat(carol.get("/api/v1/users/me/notification-settings").json().get("commentMention").asInt()).isZero();
        int before = ofType(carol, 11).size();
        comment(ana, "/comment-threads", "Quiet please, @carol");
        assertThat(ofType(carol, 11)).as("carol turned mentions off").hasSize(before);
    }

    @Test
    void the_private_subscriptions_feed_opens_with_the_feed_token_only() {
        String token = ana.get("/api/v1/users/scoped-tokens").json().get("feedToken").asText();
        assertThat(token).isNotBlank();
        assertThat(ana.get("/api/v1/users/scoped-tokens").json().get("feedToken").asText()).as("stable until renewed").isEqualTo(token);
        long accountId = ana.get("/api/v1/users/me").json().at("/account/id").asLong();
        Response feed = tandem.client().get("/feeds/subscriptions.xml?accountId=" + accountId + "&token=" + token);
        assertThat(feed.status()).as(feed.text()).isEqualTo(200);
        assertThat(feed.text()).contains("<rss").contains("/videos/watch/" + uuid);
        assertThat(tandem.client().get("/feeds/subscriptions.atom?accountId=" + accountId + "&token=" + token).text()).contains("/videos/watch/" + uuid);
        assertThat(tandem.client().get("/feeds/subscriptions.xml?accountId=" + accountId + "&token=wrong").status()).isEqualTo(403);
        long carolId = carol.get("/api/v1/users/me").json().at("/account/id").asLong();
        assertThat(tandem.client().get("/feeds/subscriptions.xml?accountId=" + carolId + "&token=" + token).status()).as("ana's token, carol's feed").isEqualTo(403);
        Response missing = tandem.client().get("/feeds/subscriptions.xml?token=" + token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("accountId");
        String renewed = ana.postJson("/api/v1/users/scoped-tokens", Map.of()).json().get("feedToken").asText();
        assertThat(renewed).isNotEqualTo(token);
        assertThat(tandem.client().get("/feeds/subscriptions.xml?accountId=" + accountId + "&token=" + token).status()).as("the old one is dead").isEqualTo(403);
        assertThat(tandem.client().get("/api/v1/users/scoped-tokens").status()).isEqualTo(401);
    }
}

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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On one real instance: the conversation about a report (`/abuses/{id}/messages`) between its reporter
 * and the moderators, with PeerTube's item shape, the notifications each side gets, `countMessages`, and
 * who may read, write and delete; then each filter of `GET /abuses` narrowing the list (and 400 for a
 * bad value), and a reporter's own list `GET /users/me/abuses` with its `id` and `state` filters.
 */
class AbuseMessagesAndFiltersTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient mona;
    private static TestClient uploader;
    private static TestClient viewer;
    private static TestClient other;
    private static String cooking;
    private static String garden;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "mona", "password", "mona-password", "email", "mona@example.org",
                "role", 1)).status()).isEqualTo(200);
        mona = tandem.client().login("mona", "mona-password");
        uploader = tandem.newUser("uploader");
        viewer = tandem.newUser("viewer");
        other = tandem.newUser("other");
        cooking = uploader.uploaded(TestMedia.clipWithAudio(), "Questionable cooking", Map.of("privacy", "1"));
        garden = uploader.uploaded(TestMedia.clipWithAudio(), "Garden tour", Map.of("privacy", "1"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static long report(TestClient who, Map<String, Object> body) {
        Response r = who.postJson("/api/v1/abuses", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().at("/abuse/id").asLong();
    }

    @Test
    void the_reporter_and_the_moderators_talk_about_a_report_and_nobody_else_does() {
        TestClient talker = tandem.newUser("talker");
        long id = report(talker, Map.of("reason", "Insults in every video", "account", Map.of("id", uploader.me().at("/account/id").asLong())));
        String messages = "/api/v1/abuses/" + id + "/messages";

        Response first = talker.postJson(messages, Map.of("message", "Hello, any news?"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        long reporterMessage = first.json().at("/abuseMessage/id").asLong();
        JsonNode seenByModerator = mona.get(messages).json();
        assertThat(seenByModerator.path("total").asInt()).isEqualTo(1);
        JsonNode item = seenByModerator.at("/data/0");
        assertThat(item.path("id").asLong()).isEqualTo(reporterMessage);
        assertThat(item.path("message").asText()).isEqualTo("Hello, any news?");
        assertThat(item.path("byModerator").asBoolean()).isFalse();
        assertThat(item.at("/account/name").asText()).isEqualTo("talker");
        assertThat(item.path("createdAt").asText()).isNotEmpty();

        Response answer = mona.postJson(messages, Map.of("message", "We are looking into it"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        long moderatorMessage = answer.json().at("/abuseMessage/id").asLong();
        JsonNode thread = talker.get(messages).json();
        assertThat(thread.path("data").findValuesAsText("message")).containsExactly("Hello, any news?", "We are looking into it");
        assertThat(thread.at("/data/1/byModerator").asBoolean()).isTrue();
        assertThat(thread.at("/data/1/account/name").asText()).isEqualTo("mona");

        // Each side hears of the other's message (PeerTube's ABUSE_NEW_MESSAGE, 16), never of its own.
        assertThat(abuseNotifications(talker)).containsExactly(id);
        assertThat(abuseNotifications(admin)).containsExactly(id);
        assertThat(abuseNotifications(mona)).as("the reporter's message reached every moderator").containsExactly(id);
        assertThat(admin.get("/api/v1/abuses?id=" + id).json().at("/data/0/countMessages").asInt()).isEqualTo(2);
        assertThat(talker.get("/api/v1/users/me/abuses?id=" + id).json().at("/data/0/countMessages").asInt()).isEqualTo(2);

        // A third user neither reads nor writes; nobody anonymous does.
        assertThat(other.get(messages).status()).isEqualTo(403);
        assertThat(other.postJson(messages, Map.of("message", "Me too")).status()).isEqualTo(403);
        assertThat(tandem.client().get(messages).status()).isEqualTo(401);
        assertThat(talker.get("/api/v1/abuses/999999/messages").status()).isEqualTo(404);
        Response tooShort = talker.postJson(messages, Map.of("message", "x"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("invalid-params").has("message")).isTrue();
        assertThat(talker.postJson(messages, Map.of("message", "x".repeat(3001))).status()).isEqualTo(400);

        // A message goes by its author or a moderator, not by the other side nor a third user.
        assertThat(talker.delete(messages + "/" + moderatorMessage).status()).isEqualTo(403);
        assertThat(other.delete(messages + "/" + reporterMessage).status()).isEqualTo(403);
        assertThat(talker.delete(messages + "/" + reporterMessage).status()).isEqualTo(204);
        assertThat(talker.delete(messages + "/" + reporterMessage).status()).isEqualTo(404);
        assertThat(mona.delete(messages + "/" + moderatorMessage).status()).isEqualTo(204);
        assertThat(talker.get(messages).json().path("total").asInt()).isZero();
        assertThat(admin.get("/api/v1/abuses?id=" + id).json().at("/data/0/countMessages").asInt()).isZero();
    }

    private static List<Long> abuseNotifications(TestClient who) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode n : who.get("/api/v1/users/me/notifications").json().path("data")) {
            if (n.path("type").asInt() == 16) ids.add(n.at("/abuse/id").asLong());
        }
        return ids;
    }

    @Test
    void each_filter_narrows_the_moderators_list_and_a_bad_value_is_refused() {
        String channel = uploader.get("/api/v1/videos/" + cooking).json().at("/channel/name").asText();
        long commentId = uploader.postJson("/api/v1/videos/" + cooking + "/comment-threads", Map.of("text", "Buy my pans")).json()
                .at("/comment/id").asLong();
        long onCooking = report(viewer, Map.of("reason", "This is an advert", "predefinedReasons", List.of("spamOrMisleading"),
                "video", Map.of("id", cooking)));
        long onGarden = report(other, Map.of("reason", "Shows my house", "predefinedReasons", List.of("privacy", "rights"),
                "video", Map.of("id", garden)));
        long onComment = report(viewer, Map.of("reason", "Spam comment", "comment", Map.of("id", commentId)));
        long onAccount = report(viewer, Map.of("reason", "Impersonates me", "account", Map.of("id", other.me().at("/account/id").asLong())));
        Set<Long> all = Set.of(onCooking, onGarden, onComment, onAccount);

        assertThat(listed("id=" + onGarden, all)).containsExactly(onGarden);
        assertThat(listed("filter=video", all)).containsExactlyInAnyOrder(onCooking, onGarden);
        assertThat(listed("filter=comment", all)).containsExactly(onComment);
        assertThat(listed("filter=account", all)).containsExactly(onAccount);
        assertThat(listed("predefinedReason=privacy", all)).containsExactly(onGarden);
        assertThat(listed("predefinedReason=rights", all)).containsExactly(onGarden);
        assertThat(listed("predefinedReason=spamOrMisleading", all)).containsExactly(onCooking);
        assertThat(listed("searchReporter=OTH", all)).containsExactly(onGarden);
        assertThat(listed("searchReportee=other", all)).containsExactly(onAccount);
        assertThat(listed("searchVideo=garden", all)).containsExactly(onGarden);
        assertThat(listed("searchVideoChannel=" + channel, all)).containsExactlyInAnyOrder(onCooking, onGarden);
        assertThat(listed("search=garden", all)).containsExactly(onGarden);
        assertThat(listed("search=viewer", all)).as("the reporter's name").containsExactlyInAnyOrder(onCooking, onComment, onAccount);
        assertThat(listed("filter=video&search=viewer", all)).as("filters add up").containsExactly(onCooking);
        assertThat(listed("search=%25", all)).as("a user's % is no wildcard").isEmpty();

        assertThat(admin.putJson("/api/v1/abuses/" + onComment, Map.of("state", 3)).status()).isEqualTo(204);
        assertThat(listed("state=3", all)).containsExactly(onComment);
        assertThat(listed("state=1", all)).containsExactlyInAnyOrder(onCooking, onGarden, onAccount);

        assertThat(admin.postJson("/api/v1/videos/" + cooking + "/blacklist", Map.of("reason", "Advert")).status()).isEqualTo(204);
        assertThat(listed("videoIs=blacklisted", all)).containsExactly(onCooking);
        assertThat(uploader.delete("/api/v1/videos/" + garden).status()).isEqualTo(204);
        tandem.awaitIdle();
        assertThat(listed("videoIs=deleted", all)).containsExactly(onGarden);
        assertThat(listed("searchVideo=garden", all)).as("a deleted video is found by its name").containsExactly(onGarden);

        for (String bad : List.of("filter=videos", "predefinedReason=boring", "videoIs=hidden", "state=9", "id=abc")) {
            Response r = admin.get("/api/v1/abuses?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("invalid-params").has(bad.substring(0, bad.indexOf('=')))).as(bad).isTrue();
        }
        assertThat(viewer.get("/api/v1/abuses?filter=video").status()).isEqualTo(403);

        // A reporter's own list: only theirs, narrowed by id and state.
        assertThat(ids(viewer.get("/api/v1/users/me/abuses").json())).containsExactlyInAnyOrder(onCooking, onComment, onAccount);
        assertThat(ids(viewer.get("/api/v1/users/me/abuses?id=" + onComment).json())).containsExactly(onComment);
        assertThat(ids(viewer.get("/api/v1/users/me/abuses?id=" + onGarden).json())).as("another's report, by id").isEmpty();
        assertThat(ids(viewer.get("/api/v1/users/me/abuses?state=3").json())).containsExactly(onComment);
        assertThat(ids(viewer.get("/api/v1/users/me/abuses?search=garden").json())).isEmpty();
        assertThat(ids(other.get("/api/v1/users/me/abuses").json())).containsExactly(onGarden);
        assertThat(viewer.get("/api/v1/users/me/abuses?state=9").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/users/me/abuses?id=-2").status()).isEqualTo(400);
    }

    /** The reports of `among` that `GET /abuses?query` lists (other tests' reports may be there too). */
    private static List<Long> listed(String query, Set<Long> among) {
        Response r = admin.get("/api/v1/abuses?count=100&" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return ids(r.json()).stream().filter(among::contains).toList();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.path("data").forEach(a -> out.add(a.path("id").asLong()));
        return out;
    }
}

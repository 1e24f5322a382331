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

/** People comment, reply, rate and watch; nobody edits or deletes what is not theirs. */
class SocialApiTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient bob;
    private static TestClient carol;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        for (String name : new String[] {"bob", "carol"}) {
            assertThat(admin.postJson("/api/v1/users", Map.of("username", name, "password", name + "-password",
                    "email", name + "@example.org", "role", 2)).status()).isEqualTo(200);
        }
        bob = tandem.client().login("bob", "bob-password");
        carol = tandem.client().login("carol", "carol-password");
        uuid = admin.upload(TestMedia.clipWithAudio(), "A video to talk about", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static String path(String rest) {
        return "/api/v1/videos/" + uuid + rest;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void threads_replies_and_deletions_follow_peertubes_shapes_and_rules() {
        Response thread = bob.postJson(path("/comment-threads"), Map.of("text", "<script>alert(1)</script> Nice!"));
        assertThat(thread.status()).as(thread.text()).isEqualTo(200);
        long threadId = thread.json().at("/comment/id").asLong();
        assertThat(thread.json().at("/comment/text").asText()).isEqualTo("<script>alert(1)</script> Nice!");
        assertThat(thread.json().at("/comment/account/name").asText()).isEqualTo("bob");
        JsonNode created = thread.json().get("comment");
        assertThat(fields(created)).containsExactly("id", "url", "text", "threadId", "inReplyToCommentId", "videoId", "createdAt", "updatedAt",
                "deletedAt", "isDeleted", "totalReplies", "totalRepliesFromVideoAuthor", "heldForReview", "account");
        assertThat(created.get("url").asText()).isEqualTo(tandem.baseUrl() + "/videos/watch/" + uuid + "/comments/" + threadId);
        assertThat(created.get("threadId").asLong()).isEqualTo(threadId);
        assertThat(created.get("inReplyToCommentId").isNull()).isTrue();
        assertThat(created.get("videoId").asLong()).isEqualTo(tandem.client().get(path("")).json().get("id").asLong());
        assertThat(created.get("deletedAt").isNull()).isTrue();
        assertThat(created.get("isDeleted").asBoolean()).isFalse();
        assertThat(created.get("totalReplies").asInt()).isZero();
        assertThat(created.get("totalRepliesFromVideoAuthor").asInt()).isZero();
        assertThat(created.get("heldForReview").asBoolean()).isFalse();

        Response reply = carol.postJson(path("/comments/" + threadId), Map.of("text", "Agreed"));
        long replyId = reply.json().at("/comment/id").asLong();
        assertThat(reply.json().at("/comment/inReplyToCommentId").asLong()).isEqualTo(threadId);
        long nested = bob.postJson(path("/comments/" + replyId), Map.of("text", "Thanks")).json().at("/comment/id").asLong();

        JsonNode list = tandem.client().get(path("/comment-threads")).json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.get("totalNotDeletedComments").asInt()).isEqualTo(3);
        assertThat(list.at("/data/0/totalReplies").asInt()).isEqualTo(2);
        JsonNode tree = tandem.client().get(path("/comment-threads/" + threadId)).json();
        assertThat(fields(tree)).containsExactly("comment", "children");
        assertThat(fields(list)).containsExactly("total", "totalNotDeletedComments", "data");
        assertThat(tree.at("/children/0/comment/id").asLong()).isEqualTo(replyId);
        assertThat(tree.at("/children/0/children/0/comment/id").asLong()).isEqualTo(nested);

        assertThat(carol.delete(path("/comments/" + threadId)).status()).isEqualTo(403);
        assertThat(tandem.client().delete(path("/comments/" + threadId)).status()).isEqualTo(401);
        assertThat(bob.delete(path("/comments/" + threadId)).status()).isEqualTo(204);
        assertThat(admin.delete(path("/comments/" + replyId)).status()).as("the video's owner moderates").isEqualTo(204);
        JsonNode after = tandem.client().get(path("/comment-threads/" + threadId)).json();
        assertThat(after.at("/comment/isDeleted").asBoolean()).isTrue();
        assertThat(after.at("/comment/text").asText()).isEmpty();
        assertThat(after.at("/comment/deletedAt").isNull()).isFalse();
        assertThat(after.at("/comment/account").isNull()).as("a deleted comment has no author: null, not absent").isTrue();
        assertThat(after.at("/children/0/children/0/comment/text").asText()).as("replies survive").isEqualTo("Thanks");
        assertThat(bob.postJson(path("/comments/" + threadId), Map.of("text", "late")).status()).isEqualTo(409);
    }

    @Test
    void empty_oversized_and_anonymous_comments_are_refused() {
        assertThat(bob.postJson(path("/comment-threads"), Map.of("text", "   ")).json().get("invalid-params").has("text")).isTrue();
        assertThat(bob.postJson(path("/comment-threads"), Map.of("text", "x".repeat(10_001))).status()).isEqualTo(400);
        assertThat(tandem.client().postJson(path("/comment-threads"), Map.of("text", "hi")).status()).isEqualTo(401);
        assertThat(bob.postJson("/api/v1/videos/999999/comment-threads", Map.of("text", "hi")).status()).isEqualTo(404);
        assertThat(tandem.client().get(path("/comment-threads/999999")).status()).isEqualTo(404);
    }

    @Test
    void ratings_move_the_counters_once_per_account() {
        assertThat(bob.putJson(path("/rate"), Map.of("rating", "like")).status()).isEqualTo(204);
        assertThat(bob.putJson(path("/rate"), Map.of("rating", "like")).status()).isEqualTo(204);
        assertThat(carol.putJson(path("/rate"), Map.of("rating", "dislike")).status()).isEqualTo(204);
        JsonNode v = tandem.client().get(path("")).json();
        assertThat(v.get("likes").asInt()).isEqualTo(1);
        assertThat(v.get("dislikes").asInt()).isEqualTo(1);
        assertThat(bob.get("/api/v1/users/me/videos/" + uuid + "/rating").json().get("rating").asText()).isEqualTo("like");
        assertThat(bob.putJson(path("/rate"), Map.of("rating", "dislike")).status()).isEqualTo(204);
        assertThat(carol.putJson(path("/rate"), Map.of("rating", "none")).status()).isEqualTo(204);
        v = tandem.client().get(path("")).json();
        assertThat(v.get("likes").asInt()).isZero();
        assertThat(v.get("dislikes").asInt()).isEqualTo(1);
        assertThat(bob.putJson(path("/rate"), Map.of("rating", "love")).status()).isEqualTo(400);
        assertThat(tandem.client().putJson(path("/rate"), Map.of("rating", "like")).status()).isEqualTo(401);
    }

    @Test
    void a_view_of_a_short_video_counts_past_its_half_once_per_viewer_per_hour() {
        // The clip lasts 3 s: ten seconds of it can never be watched, more than half of it can.
        long before = tandem.client().get(path("")).json().get("views").asLong();
        assertThat(bob.postJson(path("/views"), Map.of("currentTime", 1)).status()).isEqualTo(204);
        assertThat(tandem.client().get(path("")).json().get("views").asLong()).isEqualTo(before);
        assertThat(bob.postJson(path("/views"), Map.of("currentTime", 2)).status()).isEqualTo(204);
        assertThat(bob.putJson(path("/views"), Map.of("currentTime", 3)).status()).isEqualTo(204);
        assertThat(carol.postJson(path("/views"), Map.of("currentTime", 2)).status()).isEqualTo(204);
        assertThat(tandem.client().get(path("")).json().get("views").asLong()).isEqualTo(before + 2);
        assertThat(bob.postJson(path("/views"), Map.of("currentTime", "soon")).status()).isEqualTo(400);
    }
}

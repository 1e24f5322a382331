package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comments as a PeerTube 6.3 peer sees them: the video's `comments` collection it crawls on refresh
 * (and deletes what it did not find), replies to our comments on its own videos, and the `url` our
 * API gives a comment.
 */
class CommentInteropTest {
    private static InboxFixture f;

    @BeforeAll
    static void start() {
        f = InboxFixture.start(Map.of());
        f.publishLocalAccount();
        f.tandemFollowsAlice();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void the_comments_collection_pages_every_comment_replies_included() {
        String video = f.uploadLocalVideo();
        String uuid = uuidOf(video);
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long root = comment("/api/v1/videos/" + uuid + "/comment-threads", "thread " + t);
            long reply = comment("/api/v1/videos/" + uuid + "/comments/" + root, "reply " + t);
            long nested = comment("/api/v1/videos/" + uuid + "/comments/" + reply, "reply to reply " + t);
            for (long id : List.of(root, reply, nested)) expected.add(video + "/comments/" + id);
        }
        expected.add(f.sendNote(f.note(f.fake.base() + "/comments/nested-remote", f.alice(), expected.getLast())
                .put("published", f.tandem.clock().instant().toString())));

        JsonNode collection = f.ap(video + "/comments");
        assertThat(collection.path("type").asText()).isEqualTo("OrderedCollection");
        assertThat(collection.path("totalItems").asLong()).as("every comment, replies included").isEqualTo(expected.size());
        List<String> seen = new ArrayList<>();
        String next = collection.path("first").asText();
        int pages = 0;
        while (!next.isEmpty()) {
            JsonNode page = f.ap(next);
            assertThat(page.path("type").asText()).isEqualTo("OrderedCollectionPage");
            assertThat(page.path("totalItems").asLong()).isEqualTo(expected.size());
            assertThat(page.path("orderedItems").size()).isLessThanOrEqualTo(10);
            page.path("orderedItems").forEach(i -> seen.add(i.asText()));
            next = page.path("next").asText();
            pages++;
        }
        assertThat(pages).as("PeerTube's page size of 10").isEqualTo(2);
        assertThat(seen).as("URLs, oldest first, as PeerTube lists its own").containsExactlyElementsOf(expected);
    }

    @Test
    void a_peertube_reply_to_our_comment_on_its_video_is_threaded_under_it() {
        String video = f.aliceVideo("/videos/replied");
        assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), video)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        String uuid = UUID.nameUUIDFromBytes("/videos/replied".getBytes(StandardCharsets.UTF_8)).toString();
        long ours = comment("/api/v1/videos/" + uuid + "/comment-threads", "A question for alice");
        String ourUrl = f.tandem.baseUrl() + "/videos/watch/" + uuid + "/comments/" + ours;

        f.sendNote(f.note(f.fake.base() + "/comments/answer", f.alice(), ourUrl).put("content", "The answer").put("mediaType", "text/markdown"));

        assertThat(f.lastInboxJob().getKey()).as(f.lastInboxJob().getValue()).isEqualTo("done");
        JsonNode tree = f.admin.get("/api/v1/videos/" + uuid + "/comment-threads/" + ours).json();
        assertThat(tree.at("/children/0/comment/text").asText()).as(tree.toString()).isEqualTo("The answer");
    }

    @Test
    void a_comment_url_is_its_activitypub_id_and_answers() {
        String video = f.uploadLocalVideo();
        String uuid = uuidOf(video);
        long numericId = f.admin.get("/api/v1/videos/" + uuid).json().path("id").asLong();
        long ours = comment("/api/v1/videos/" + numericId + "/comment-threads", "Ours");
        String remote = f.sendNote(f.note(f.fake.base() + "/comments/theirs", f.alice(), video));

        // Asked by the video's numeric id, the url still names the video by uuid, as the AP id does.
        JsonNode threads = f.admin.get("/api/v1/videos/" + numericId + "/comment-threads?sort=createdAt").json().path("data");
        JsonNode mine = threads.get(0).path("id").asLong() == ours ? threads.get(0) : threads.get(1);
        JsonNode theirs = threads.get(0).path("id").asLong() == ours ? threads.get(1) : threads.get(0);
        assertThat(theirs.path("url").asText()).as("a remote comment's url is its origin's id").isEqualTo(remote);
        String ourUrl = mine.path("url").asText();
        assertThat(ourUrl).isEqualTo(video + "/comments/" + ours);
        assertThat(f.ap(ourUrl).path("id").asText()).isEqualTo(ourUrl);
    }

    private static long comment(String path, String text) {
        Response r = f.admin.postJson(path, Map.of("text", text));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        f.tandem.awaitIdle();
        return r.json().at("/comment/id").asLong();
    }

    private static String uuidOf(String videoUrl) {
        return videoUrl.substring(videoUrl.lastIndexOf('/') + 1);
    }
}

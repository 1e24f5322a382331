package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comments across instances, as PeerTube moderates and addresses them: a video's origin removes
 * comments written elsewhere (Delete with the id `<comment>/delete`, on the comment's host), and a
 * reply reaches the authors it answers even when they follow no one here. The other side is a fake
 * PeerTube-like instance that records what it receives.
 */
class CommentModerationTest {
    private static InboxFixture f;

    @BeforeAll
    static void start() {
        f = InboxFixture.start(Map.of());
        f.publishLocalAccount();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void our_video_owner_removes_a_remote_comment_and_its_author_hears_of_it() {
        String video = f.uploadLocalVideo();
        String uuid = video.substring(video.lastIndexOf('/') + 1);
        String noteId = f.fake.base() + "/comments/rude";
        ObjectNode note = f.note(noteId, f.alice(), video);
        f.fake.serve(URI.create(noteId).getPath(), note);
        assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), note)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        JsonNode thread = f.admin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0");
        assertThat(thread.at("/text").asText()).isEqualTo("Nice video");

        assertThat(f.admin.delete("/api/v1/videos/" + uuid + "/comments/" + thread.at("/id").asLong()).status()).isEqualTo(204);
        f.tandem.awaitIdle();
        JsonNode delete = f.lastPost("\"Delete\"");
        assertThat(delete.path("id").asText()).as("PeerTube's id for a moderation Delete").isEqualTo(noteId + "/delete");
        assertThat(delete.path("object").asText()).isEqualTo(noteId);
        assertThat(delete.path("actor").asText()).as("sent by the video's owner").isEqualTo(f.localAccount());
    }

    @Test
    void a_reply_reaches_the_remote_author_it_answers() {
        String video = f.uploadLocalVideo();
        String uuid = video.substring(video.lastIndexOf('/') + 1);
        f.fake.personWithoutSharedInbox("carol");
        String carol = f.fake.actor("carol");
        String noteId = f.fake.base() + "/comments/question";
        ObjectNode note = f.note(noteId, carol, video);
        f.fake.serve(URI.create(noteId).getPath(), note);
        assertThat(f.fake.post(f.inbox(), carol, f.activity("Create", carol, note)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        long threadId = f.admin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0/id").asLong();

        Response reply = f.admin.postJson("/api/v1/videos/" + uuid + "/comments/" + threadId, Map.of("text", "Here is the answer"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        f.tandem.awaitIdle();
        List<FakeRemote.Received> toCarol = f.fake.received().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/users/carol/inbox") && r.body().contains("Here is the answer")).toList();
        assertThat(toCarol).as("carol follows no one here, and still gets the answer").hasSize(1);
        assertThat(toCarol.getFirst().json().at("/object/inReplyTo").asText()).isEqualTo(noteId);
    }

    @Test
    void a_remote_video_origin_removes_our_users_comment_on_its_video() {
        f.tandemFollowsAlice(); // we take videos from the actors we follow
        String video = f.aliceVideo("/videos/moderated");
        assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), video)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        String uuid = UUID.nameUUIDFromBytes("/videos/moderated".getBytes(StandardCharsets.UTF_8)).toString(); // as the fake names it
        Response mine = f.admin.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Off topic"));
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        f.tandem.awaitIdle();
        String ourComment = f.lastPost("Off topic").at("/object/id").asText();

        // Another instance may not remove it, even in the moderation shape.
        try (FakeRemote other = FakeRemote.start(f.tandem.client())) {
            ObjectNode foreign = f.activity("Delete", other.actor("mallory"), ourComment);
            foreign.put("id", ourComment + "/delete");
            assertThat(other.post(f.inbox(), other.actor("mallory"), foreign).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(f.lastInboxJob().getValue()).contains("may not delete comment " + ourComment);
        }
        assertThat(f.admin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0/isDeleted").asBoolean()).isFalse();

        ObjectNode delete = f.activity("Delete", f.alice(), ourComment);
        delete.put("id", ourComment + "/delete");
        assertThat(f.fake.post(f.inbox(), f.alice(), delete).status()).as("an id on our host, in the moderation shape").isEqualTo(202);
        f.tandem.awaitIdle();
        JsonNode thread = f.admin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0");
        assertThat(thread.at("/isDeleted").asBoolean()).as(thread.toString()).isTrue();
        assertThat(thread.at("/text").asText()).doesNotContain("Off topic");
    }
}

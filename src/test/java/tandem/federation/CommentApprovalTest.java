package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube 6.3's comment approval (`commentsPolicy` 3), both ways: a comment held for review shows
 * only to its author and the video's managers until the video's owner approves it; the origin of the
 * video tells the comment's author with an `ApproveReply` (6.3 neither sends nor reads `RejectReply`:
 * refusing a comment is deleting it).
 */
class CommentApprovalTest {
    private static final String AP = "application/activity+json";
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
    void our_comment_on_a_peertube_video_that_requires_approval_shows_once_its_owner_approves() {
        ObjectNode video = f.fake.video("/videos/reviewed", f.fake.base() + "/videos/reviewed", f.alice(), f.fake.channel("alice_channel"));
        video.put("commentsPolicy", 3);
        f.fake.serve("/videos/reviewed", video);
        assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), video)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        String uuid = UUID.nameUUIDFromBytes("/videos/reviewed".getBytes(StandardCharsets.UTF_8)).toString();

        Response mine = f.admin.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Waiting for alice"));
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.json().at("/comment/heldForReview").asBoolean()).isTrue();
        f.tandem.awaitIdle();
        String ours = mine.json().at("/comment/url").asText();
        assertThat(f.lastPost("Waiting for alice").at("/object/id").asText()).as("the origin gets it to review").isEqualTo(ours);
        assertThat(threads(f.tandem.client(), uuid).path("total").asLong()).as("hidden from others meanwhile").isZero();
        assertThat(threads(f.admin, uuid).at("/data/0/heldForReview").asBoolean()).as("its author sees it").isTrue();

        ObjectNode forged = approval(f.fake.actor("mallory"), ours, video.path("id").asText());
        assertThat(f.fake.post(f.inbox(), f.fake.actor("mallory"), forged).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(f.lastInboxJob().getValue()).as("only the video's owner approves").contains("not the owner");

        ObjectNode approval = approval(f.alice(), ours, video.path("id").asText());
        assertThat(f.fake.post(f.inbox(), f.alice(), approval).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        JsonNode shown = threads(f.tandem.client(), uuid);
        assertThat(shown.at("/data/0/text").asText()).as(shown.toString()).isEqualTo("Waiting for alice");
        assertThat(shown.at("/data/0/heldForReview").asBoolean()).isFalse();
        JsonNode resent = f.lastPost("Waiting for alice");
        assertThat(resent.at("/object/replyApproval").asText()).as("sent again with its approval, as PeerTube does").isEqualTo(approval.path("id").asText());
        assertThat(f.ap(ours).path("replyApproval").asText()).isEqualTo(approval.path("id").asText());
    }

    @Test
    void our_owner_approves_a_remote_comment_and_its_author_hears_of_it() {
        String video = reviewedVideo();
        String uuid = video.substring(video.lastIndexOf('/') + 1);
        assertThat(f.ap(video).path("commentsPolicy").asInt()).isEqualTo(3);
        assertThat(f.ap(video).path("canReply").asText()).as("PeerTube's FEP-5624 marker").isEqualTo("https://www.w3.org/ns/activitystreams#Public");
        String noteId = f.sendNote(f.note(f.fake.base() + "/comments/to-review", f.alice(), video));

        assertThat(threads(f.tandem.client(), uuid).path("total").asLong()).isZero();
        assertThat(f.ap(video + "/comments").path("totalItems").asLong()).as("held comments stay out of the collection").isZero();
        JsonNode held = threads(f.admin, uuid).at("/data/0");
        assertThat(held.path("heldForReview").asBoolean()).as("the owner sees it to review").isTrue();
        assertThat(f.fake.received().stream().anyMatch(r -> r.body().contains("\"ApproveReply\""))).isFalse();

        TestClient bob = f.tandem.newUser("bob");
        String approve = "/api/v1/videos/" + uuid + "/comments/" + held.path("id").asLong() + "/approve";
        assertThat(bob.postJson(approve, Map.of()).status()).as("only the owner or a moderator").isEqualTo(403);
        assertThat(f.admin.postJson(approve, Map.of()).status()).isEqualTo(204);
        assertThat(f.admin.postJson(approve, Map.of()).status()).as("not held any more").isEqualTo(400);
        f.tandem.awaitIdle();

        JsonNode approval = f.lastPost("\"ApproveReply\"");
        assertThat(approval.path("actor").asText()).isEqualTo(f.localAccount());
        assertThat(approval.path("object").asText()).isEqualTo(noteId);
        assertThat(approval.path("inReplyTo").asText()).isEqualTo(video);
        assertThat(approval.path("id").asText()).isEqualTo(video + "/comments/" + held.path("id").asLong() + "/approve-reply");
        assertThat(threads(f.tandem.client(), uuid).at("/data/0/url").asText()).isEqualTo(noteId);
        assertThat(f.ap(video + "/comments").path("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void a_local_users_comment_waits_for_the_owner_and_the_owners_does_not() {
        String video = reviewedVideo();
        String uuid = video.substring(video.lastIndexOf('/') + 1);
        TestClient carol = f.tandem.newUser("carol");
        Response held = carol.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Carol's"));
        assertThat(held.json().at("/comment/heldForReview").asBoolean()).isTrue();
        Response owners = f.admin.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "The owner's"));
        assertThat(owners.json().at("/comment/heldForReview").asBoolean()).isFalse();
        f.tandem.awaitIdle();

        String heldUrl = held.json().at("/comment/url").asText();
        assertThat(f.tandem.client().get(URI.create(heldUrl).getPath(), "Accept", AP).status()).as("not served while held").isEqualTo(404);
        assertThat(threads(carol, uuid).path("total").asLong()).as("its author sees it").isEqualTo(2);
        assertThat(threads(f.tandem.client(), uuid).path("total").asLong()).isEqualTo(1);
        assertThat(f.ap(owners.json().at("/comment/url").asText()).path("replyApproval").asText())
                .as("on our video, an approved comment names its approval").isEqualTo(owners.json().at("/comment/url").asText() + "/approve-reply");

        assertThat(f.admin.postJson("/api/v1/videos/" + uuid + "/comments/" + held.json().at("/comment/id").asLong() + "/approve", Map.of()).status())
                .isEqualTo(204);
        f.tandem.awaitIdle();
        assertThat(threads(f.tandem.client(), uuid).path("total").asLong()).isEqualTo(2);
        assertThat(f.ap(heldUrl).path("type").asText()).isEqualTo("Note");
        assertThat(f.ap(heldUrl + "/approve-reply").path("type").asText()).isEqualTo("ApproveReply");
    }

    private static String reviewedVideo() {
        Response up = f.admin.upload(TestMedia.clipWithAudio(), "Reviewed comments", Map.of("privacy", "1", "commentsPolicy", "3"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        f.tandem.awaitIdle();
        return f.tandem.baseUrl() + "/videos/watch/" + up.json().at("/video/uuid").asText();
    }

    private static ObjectNode approval(String actor, String comment, String inReplyTo) {
        ObjectNode a = f.activity("ApproveReply", actor, comment);
        a.put("inReplyTo", inReplyTo);
        return a;
    }

    private static JsonNode threads(TestClient client, String uuid) {
        Response r = client.get("/api/v1/videos/" + uuid + "/comment-threads");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }
}

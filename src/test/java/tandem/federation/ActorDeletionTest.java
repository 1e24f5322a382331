package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A remote account deleted on its own instance sends us `Delete` of itself: its videos, comments and
 * follows leave with it. Nobody else may send that Delete for it, not even a user of the same host.
 */
class ActorDeletionTest {

    @Test
    void an_account_that_deletes_itself_takes_its_videos_comments_and_follows_along() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.tandemFollowsAlice();
            String video = f.aliceVideo("/videos/alices");
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), video)).status()).isEqualTo(202);
            String ours = f.uploadLocalVideo();
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), f.note(f.newId("comments"), f.alice(), ours))).status())
                    .isEqualTo(202);
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Like", f.alice(), ours)).status()).isEqualTo(202);
            f.publishLocalAccount();
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Follow", f.alice(), f.localAccount())).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            String alicesRows = "SELECT COUNT(*) FROM video_comments c JOIN actors a ON a.account_id = c.account_id WHERE a.url = '" + f.alice() + "'";
            assertThat(f.count("SELECT COUNT(*) FROM remote_videos")).isEqualTo(1);
            assertThat(f.count(alicesRows)).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM actor_follows")).as("we follow alice, alice follows our account").isEqualTo(2);
            String uuid = ours.substring(ours.lastIndexOf('/') + 1);
            assertThat(f.admin.get("/api/v1/videos/" + uuid).json().at("/likes").asInt()).isEqualTo(1);
            String channelHandle = "alice_channel@" + f.fake.host();
            assertThat(f.admin.get("/api/v1/video-channels/" + channelHandle).status()).isEqualTo(200);

            // Mallory, on the same host, cannot do it for her.
            assertThat(f.fake.post(f.inbox(), f.fake.actor("mallory"), f.activity("Delete", f.fake.actor("mallory"), f.alice())).status())
                    .isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(f.lastInboxJob()).isEqualTo(Map.entry("dead",
                    "PermanentJobFailure: " + f.fake.actor("mallory") + " may not delete the actor " + f.alice()));
            assertThat(f.count("SELECT COUNT(*) FROM remote_videos")).isEqualTo(1);

            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Delete", f.alice(), f.alice())).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(f.lastInboxJob().getKey()).isEqualTo("done");
            assertThat(f.count("SELECT COUNT(*) FROM remote_videos")).isZero();
            assertThat(f.admin.get("/api/v1/videos").json().at("/total").asInt()).as("only our own video is listed").isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM video_comments WHERE video_id = (SELECT id FROM videos WHERE is_local = TRUE)")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM actors WHERE url = '" + f.alice() + "'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM actor_follows")).isZero();
            assertThat(f.admin.get("/api/v1/server/following").json().at("/total").asInt()).isZero();
            assertThat(f.admin.get("/api/v1/videos/" + uuid).json().at("/likes").asInt()).as("her like is taken off").isZero();
            assertThat(f.admin.get("/api/v1/video-channels/" + channelHandle).status()).as("her channel is gone").isEqualTo(404);
            assertThat(f.count("SELECT COUNT(*) FROM accounts WHERE host IS NOT NULL AND name = 'alice'")).isZero();
        }
    }
}

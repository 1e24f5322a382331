package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tandem.testing.Eventually;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote video shown from a copy more than a day old is read again from its origin, as PeerTube
 * refreshes the videos it shows: what changed there changes here, and what the origin removed goes.
 */
class RemoteVideoRefreshTest {

    @Test
    void a_day_old_copy_is_read_again_when_shown_and_goes_when_its_origin_removed_it() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.publishLocalAccount();
            f.tandemFollowsAlice();
            String path = "/videos/refreshed";
            String url = f.aliceVideo(path);
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), url)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            String uuid = UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).json().at("/name").asText()).isEqualTo("A video from the fake " + path);
            String thumbnail = f.tandem.client().get("/api/v1/videos/" + uuid).json().at("/thumbnailPath").asText();
            assertThat(f.tandem.client().get(thumbnail).status()).as("its thumbnail, copied from the origin, is served").isEqualTo(200);

            ObjectNode renamed = f.fake.video(path, url, f.alice(), f.fake.channel("alice_channel"));
            renamed.put("name", "Renamed at the origin");
            f.fake.serve(path, renamed);
            long reads = reads(f, path);
            f.tandem.client().get("/api/v1/videos/" + uuid);
            f.tandem.awaitIdle();
            assertThat(reads(f, path)).as("a fresh copy is not read again").isEqualTo(reads);

            age(f, uuid, Duration.ofDays(2));
            for (int i = 0; i < 3; i++) assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
            f.tandem.awaitIdle();
            assertThat(reads(f, path)).as("three views of an old copy, one read").isEqualTo(reads + 1);
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).json().at("/name").asText()).isEqualTo("Renamed at the origin");

            f.fake.remove(path);
            age(f, uuid, Duration.ofDays(2));
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).status()).as("shown once more from the old copy").isEqualTo(200);
            f.tandem.awaitIdle();
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).status()).as("gone at the origin, gone here").isEqualTo(404);
        }
    }

    @Test
    void an_update_answered_by_an_older_cached_copy_is_read_again_a_little_later() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.publishLocalAccount();
            f.tandemFollowsAlice();
            String path = "/videos/cached";
            String url = f.aliceVideo(path);
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), url)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            String uuid = UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString();

            // PeerTube caches its video documents for a second: an Update sent just after another read is
            // answered, when we read the video again, by the copy from before the change.
            ObjectNode renamed = f.fake.video(path, url, f.alice(), f.fake.channel("alice_channel"));
            renamed.put("name", "Renamed just now").put("updated", "2024-01-02T00:00:00Z");
            long reads = reads(f, path);
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Update", f.alice(), renamed)).status()).isEqualTo(202);
            Eventually.await("the Update's read of the video", Duration.ofSeconds(30), () -> reads(f, path) > reads ? true : null);
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).json().at("/name").asText())
                    .as("the stale copy is what Tandem has for now").isEqualTo("A video from the fake " + path);
            f.fake.serve(path, renamed);
            Eventually.await("the renamed video, read again", Duration.ofSeconds(30), () ->
                    f.tandem.client().get("/api/v1/videos/" + uuid).json().at("/name").asText().equals("Renamed just now") ? true : null);
            f.tandem.awaitIdle();
            assertThat(reads(f, path)).as("one more read, not a loop").isEqualTo(reads + 2);
        }
    }

    private static long reads(InboxFixture f, String path) {
        return f.fake.received().stream().filter(r -> r.method().equals("GET") && r.path().equals(path)).count();
    }

    private static void age(InboxFixture f, String uuid, Duration by) {
        f.tandem.app().database().jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE remote_videos SET fetched_at = fetched_at - :by WHERE video_id = (SELECT id FROM videos WHERE uuid = :u)")
                .bind("by", by.toMillis()).bind("u", uuid).execute());
    }
}

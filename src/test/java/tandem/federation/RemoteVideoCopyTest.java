package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What we keep of a PeerTube video: its preview from the larger icon, and both of its trackers; and
 * what its many Updates make us fetch again.
 */
class RemoteVideoCopyTest {
    private static final byte[] PREVIEW = Arrays.copyOf(FakeRemote.JPEG, 64);

    @Test
    void the_larger_icon_is_the_preview_and_both_trackers_are_kept() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.publishLocalAccount();
            f.tandemFollowsAlice();
            String path = "/videos/watch/with-preview";
            ObjectNode video = f.fake.video(path, f.fake.base() + path, f.alice(), f.fake.channel("alice_channel"));
            video.withArray("icon").addObject().put("type", "Image").put("mediaType", "image/jpeg").put("width", 850).put("height", 480)
                    .put("url", f.fake.base() + "/previews/with-preview.jpg");
            trackers(f.fake, (ArrayNode) video.get("url"));
            f.fake.serve(path, video);
            f.fake.file("/previews/with-preview.jpg", PREVIEW, "image/jpeg");

            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), f.fake.base() + path)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            JsonNode details = f.tandem.client().get("/api/v1/videos/" + video.path("uuid").asText()).json();
            assertThat(f.tandem.client().get(details.path("previewPath").asText()).body()).isEqualTo(PREVIEW);
            assertThat(f.tandem.client().get(details.path("thumbnailPath").asText()).body()).isEqualTo(FakeRemote.JPEG);
            assertThat(details.path("trackerUrls")).extracting(JsonNode::asText)
                    .containsExactly(f.fake.base() + "/tracker/announce", "ws://" + f.fake.host() + "/tracker/socket");
        }
    }

    @Test
    void an_update_reads_the_video_again_but_its_images_only_when_they_changed_and_its_counts_at_most_every_few_minutes() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.publishLocalAccount();
            f.tandemFollowsAlice();
            String path = "/videos/watch/often-updated";
            String url = f.fake.base() + path;
            ObjectNode video = f.fake.video(path, url, f.alice(), f.fake.channel("alice_channel"));
            video.put("likes", url + "/likes").put("dislikes", url + "/dislikes");
            f.fake.serve(path, video);
            f.fake.serve(path + "/likes", collection(url + "/likes", 2));
            f.fake.serve(path + "/dislikes", collection(url + "/dislikes", 1));
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), url)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            String uuid = video.path("uuid").asText();
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).json().path("likes").asInt()).isEqualTo(2);

            // PeerTube sends an Update per like and per batch of views: the same object, again and again.
            int before = f.fake.received().size();
            for (int i = 0; i < 2; i++) {
                assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Update", f.alice(), video)).status()).isEqualTo(202);
                f.tandem.awaitIdle();
            }
            assertThat(gets(f, before)).as("the video is read again from its origin each time").filteredOn(path::equals).hasSize(2);
            assertThat(gets(f, before)).as("but neither its unchanged thumbnail nor its counts, just read")
                    .noneMatch(p -> p.startsWith("/thumbs/") || p.startsWith(path + "/"));

            ((ObjectNode) video.withArray("icon").get(0)).put("url", f.fake.base() + "/thumbs/new.jpg");
            f.fake.serve(path, video);
            f.fake.file("/thumbs/new.jpg", PREVIEW, "image/jpeg");
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Update", f.alice(), video)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(gets(f, before)).as("a new thumbnail is fetched").containsOnlyOnce("/thumbs/new.jpg");
            String thumbnail = f.tandem.client().get("/api/v1/videos/" + uuid).json().path("thumbnailPath").asText();
            assertThat(f.tandem.client().get(thumbnail).body()).isEqualTo(PREVIEW);

            // The likes that came with those Updates are read once the interval is over, by one fetch for all.
            f.fake.serve(path + "/likes", collection(url + "/likes", 5));
            f.tandem.clock().advance(Duration.ofMinutes(5));
            f.tandem.awaitIdle();
            assertThat(gets(f, before)).filteredOn((path + "/likes")::equals).hasSize(1);
            assertThat(f.tandem.client().get("/api/v1/videos/" + uuid).json().path("likes").asInt()).isEqualTo(5);
        }
    }

    /** The paths the fake was asked for with GET, from the `from`th request on. */
    private static List<String> gets(InboxFixture f, int from) {
        List<FakeRemote.Received> all = f.fake.received();
        return all.subList(from, all.size()).stream().filter(r -> r.method().equals("GET")).map(FakeRemote.Received::path).toList();
    }

    private static ObjectNode collection(String id, int total) {
        ObjectNode c = InboxFixture.JSON.createObjectNode().put("id", id).put("type", "OrderedCollection").put("totalItems", total);
        c.put("first", id + "?page=1");
        return c;
    }

    /** The tracker links PeerTube ends its `url` list with. */
    static void trackers(FakeRemote fake, ArrayNode url) {
        url.addObject().put("type", "Link").put("name", "tracker-http").put("href", fake.base() + "/tracker/announce")
                .putArray("rel").add("tracker").add("http");
        url.addObject().put("type", "Link").put("name", "tracker-websocket").put("href", "ws://" + fake.host() + "/tracker/socket")
                .putArray("rel").add("tracker").add("websocket");
    }
}

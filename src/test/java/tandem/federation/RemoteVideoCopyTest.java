package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What we keep of a PeerTube video: its preview from the larger icon, and both of its trackers. */
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

    /** The tracker links PeerTube ends its `url` list with. */
    static void trackers(FakeRemote fake, ArrayNode url) {
        url.addObject().put("type", "Link").put("name", "tracker-http").put("href", fake.base() + "/tracker/announce")
                .putArray("rel").add("tracker").add("http");
        url.addObject().put("type", "Link").put("name", "tracker-websocket").put("href", "ws://" + fake.host() + "/tracker/socket")
                .putArray("rel").add("tracker").add("websocket");
    }
}

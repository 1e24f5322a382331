package tandem.mirror.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger counts what a client actually receives, on every path that sends a video's bytes: the
 * main listener, the zero-copy media listener, byte ranges, downloads; and nothing for HEAD, 304 or
 * stills. Counted from outside: the sum of the body lengths the client got.
 */
class ServedCountingTest {
    private static TestInstance tandem;
    private static String uuid;
    private static JsonNode video;

    @BeforeAll
    static void start() throws Exception {
        tandem = TestInstance.start(Map.of("media_port", String.valueOf(TestInstance.freePort())));
        var up = tandem.admin().upload(TestMedia.clipWithAudio(), "Counted", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        tandem.awaitIdle();
        video = tandem.client().get("/api/v1/videos/" + uuid).json();
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    void counts_equal_the_bytes_clients_received_on_every_path() {
        TestClient client = tandem.client();
        String media = URI.create(video.at("/streamingPlaylists/0/playlistUrl").asText()).resolve("/").toString();
        assertThat(media).as("files come from the media listener").doesNotStartWith(tandem.baseUrl());
        List<String> paths = new ArrayList<>();
        paths.add(URI.create(video.at("/streamingPlaylists/0/playlistUrl").asText()).getPath());
        paths.add(URI.create(video.at("/streamingPlaylists/0/segmentsSha256Url").asText()).getPath());
        for (JsonNode f : video.at("/streamingPlaylists/0/files")) paths.add(URI.create(f.get("fileUrl").asText()).getPath());
        String download = URI.create(video.at("/streamingPlaylists/0/files/0/fileDownloadUrl").asText()).getPath();
        long before = counted();
        long received = 0;
        for (String base : List.of(tandem.baseUrl(), media.substring(0, media.length() - 1))) {
            for (String p : paths) received += body(client.get(base + p));
            String segment = base + paths.get(2);
            received += body(client.get(segment, "Range", "bytes=100-4195"));
            received += body(client.get(segment, "Range", "bytes=-777"));
            received += body(client.get(base + download));
            // Not counted: nothing of the body goes out.
            TestClient.Response head = client.send(client.builder(segment).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(head.status()).isEqualTo(200);
            String etag = head.header("ETag");
            received += client.get(segment).body().length;
            assertThat(client.get(segment, "If-None-Match", etag).status()).isEqualTo(304);
        }
        assertThat(client.get(video.get("thumbnailPath").asText()).status()).isEqualTo(200); // stills are not counted
        long counted = counted() - before;
        assertThat(received).isGreaterThan(100_000);
        assertThat((double) counted).as("counted vs received").isCloseTo(received, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(counted).isEqualTo(received);
    }

    private static long body(TestClient.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 206);
        return r.body().length;
    }

    /** What the database holds for the video, ours as origin, once the counters are flushed. */
    private static long counted() {
        tandem.app().servedCounter().flush();
        return tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE video_uuid = :u AND origin_host = :o")
                .bind("u", uuid).bind("o", tandem.config().publicHost()).mapTo(Long.class).one());
    }
}

package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.job.NoPayload;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static tandem.video.ResumableCalls.chunk;

/** PeerTube's resumable upload protocol, including the ways a client or a network can get it wrong. */
class ResumableUploadTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient alice;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start(Map.of("upload_abandon_after_seconds", "1"));
        admin = tandem.admin();
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "alice", "password", "alice-password", "email", "alice@example.org",
                "role", 2, "videoQuota", 5_000_000)).status()).isEqualTo(200);
        alice = tandem.client().login("alice", "alice-password");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static String init(TestClient c, String fileName, long size, long lastModified) {
        Response r = ResumableCalls.init(c, fileName, size, lastModified);
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return ResumableCalls.uploadId(r);
    }

    @Test
    void a_file_sent_in_chunks_survives_a_reinit_and_replays_and_becomes_a_video() throws Exception {
        byte[] file = Files.readAllBytes(TestMedia.clipWithAudio());
        int third = file.length / 3;
        String id = init(admin, "clip.mp4", file.length, 1000);

        Response first = chunk(admin, id, file, 0, third);
        assertThat(first.status()).isEqualTo(308);
        assertThat(first.header("Range")).isEqualTo("bytes=0-" + (third - 1));

        // The client lost its state: a re-init of the same file resumes where the server stands.
        Response again = ResumableCalls.init(admin, "clip.mp4", file.length, 1000);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Range")).isEqualTo("bytes=0-" + (third - 1));

        // A replayed chunk changes nothing; an overlapping one only adds its new bytes.
        assertThat(chunk(admin, id, file, 0, third).header("Range")).isEqualTo("bytes=0-" + (third - 1));
        Response overlap = chunk(admin, id, file, third / 2, 2 * third);
        assertThat(overlap.status()).isEqualTo(308);
        assertThat(overlap.header("Range")).isEqualTo("bytes=0-" + (2 * third - 1));

        // A gap is refused.
        assertThat(chunk(admin, id, file, 2 * third + 10, file.length).status()).isEqualTo(409);

        Response last = chunk(admin, id, file, 2 * third, file.length);
        assertThat(last.status()).as(last.text()).isEqualTo(200);
        String uuid = last.json().at("/video/uuid").asText();
        // The final chunk sent twice does not create a second video.
        assertThat(chunk(admin, id, file, 2 * third, file.length).json().at("/video/uuid").asText()).isEqualTo(uuid);

        tandem.awaitIdle();
        JsonNode v = admin.get("/api/v1/videos/" + uuid).json();
        assertThat(v.at("/state/id").asInt()).isEqualTo(1);
        assertThat(v.at("/files/0/size").asLong()).isEqualTo(file.length);
        assertThat(admin.get("/api/v1/users/me/videos").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void malformed_and_foreign_chunks_are_refused_with_clear_errors() throws Exception {
        byte[] file = Files.readAllBytes(TestMedia.clipWithoutAudio());
        String id = init(admin, "other.mp4", file.length, 2000);
        Response noRange = admin.send(admin.builder("/api/v1/videos/upload-resumable?upload_id=" + id)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(noRange.status()).isEqualTo(400);
        Response badRange = admin.send(admin.builder("/api/v1/videos/upload-resumable?upload_id=" + id)
                .header("Content-Range", "bytes banana").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.json().get("error").asText()).contains("Content-Range");
        Response wrongTotal = admin.send(admin.builder("/api/v1/videos/upload-resumable?upload_id=" + id)
                .header("Content-Range", "bytes 0-9/12").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(wrongTotal.status()).isEqualTo(409);
        assertThat(chunk(alice, id, file, 0, 100).status()).isEqualTo(403);
        assertThat(chunk(admin, "0123456789abcdef0123456789abcdef", file, 0, 100).status()).isEqualTo(404);

        assertThat(admin.send(admin.builder("/api/v1/videos/upload-resumable?upload_id=" + id).DELETE()).status()).isEqualTo(204);
        assertThat(chunk(admin, id, file, 0, 100).status()).isEqualTo(404);
    }

    @Test
    void an_upload_beyond_quota_is_refused_before_any_byte_is_sent() {
        Response r = ResumableCalls.init(alice, "big.mp4", 6_000_000, 3000);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("quota_reached");
        Response unsupported = ResumableCalls.init(alice, "notes.txt", 1000, 3000);
        assertThat(unsupported.status()).isEqualTo(415);
    }

    @Test
    void abandoned_uploads_are_purged_by_the_cleanup_job() throws Exception {
        byte[] file = Files.readAllBytes(TestMedia.clipWithAudio());
        String id = init(alice, "abandoned.mp4", file.length, 4000);
        assertThat(chunk(alice, id, file, 0, 1000).status()).isEqualTo(308);
        tandem.clock().advance(Duration.ofMillis(1500)); // past the configured abandon delay of one second
        tandem.app().jobs().enqueue(VideoJobs.PURGE_UPLOADS, NoPayload.NONE);
        tandem.awaitIdle();
        assertThat(chunk(alice, id, file, 1000, 2000).status()).isEqualTo(404);
        try (var left = Files.list(tandem.dataDir().resolve("uploads"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(id)).count()).isZero();
        }
    }
}

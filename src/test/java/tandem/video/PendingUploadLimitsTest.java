package tandem.video;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.core.Config;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static tandem.video.ResumableCalls.cancel;
import static tandem.video.ResumableCalls.chunk;
import static tandem.video.ResumableCalls.init;

/**
 * Resumable upload sessions cost disk and rows until they end: each user has a few at once, their
 * declared sizes count against the quota together, and every refusal, cancel or failure takes its
 * `.part` file with it at once instead of leaving it to the purge.
 */
class PendingUploadLimitsTest {
    private static final int MAX_PENDING = 3;
    private static final long MAX_UPLOAD = 50_000_000;
    private static final AtomicLong LAST_MODIFIED = new AtomicLong();
    private static TestInstance tandem;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start(Map.of("upload_max_pending_per_user", String.valueOf(MAX_PENDING),
                "max_upload_bytes", String.valueOf(MAX_UPLOAD)));
        admin = tandem.admin();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void ten_pending_uploads_per_user_by_default() {
        assertThat(Config.fromProperties(new Properties()).maxPendingUploadsPerUser()).isEqualTo(10);
    }

    @Test
    void a_user_has_a_few_pending_uploads_at_once_and_a_cancelled_one_frees_its_place_and_its_file() {
        TestClient bob = user("bob", -1);
        long files = partFiles();
        String[] ids = new String[MAX_PENDING];
        for (int i = 0; i < MAX_PENDING; i++) ids[i] = created(init(bob, "clip" + i + ".mp4", 40_000_000, LAST_MODIFIED.incrementAndGet()));
        assertThat(partFiles()).isEqualTo(files + MAX_PENDING);

        Response refused = init(bob, "one-more.mp4", 1000, LAST_MODIFIED.incrementAndGet());
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains(MAX_PENDING + " uploads in progress");
        assertThat(partFiles()).as("the refused session left no file").isEqualTo(files + MAX_PENDING);
        assertThat(cancel(admin, created(init(admin, "admin.mp4", 1000, LAST_MODIFIED.incrementAndGet()))).status()).as("the cap is per user").isEqualTo(204);

        assertThat(cancel(bob, ids[0]).status()).isEqualTo(204);
        assertThat(partFiles()).as("cancelling removes the file").isEqualTo(files + MAX_PENDING - 1);
        ids[0] = created(init(bob, "one-more.mp4", 1000, LAST_MODIFIED.get() - 1));
        for (String id : ids) assertThat(cancel(bob, id).status()).isEqualTo(204);
        assertThat(partFiles()).isEqualTo(files);
    }

    @Test
    void resuming_a_pending_upload_does_not_take_another_place() {
        TestClient carol = user("carol", -1);
        long first = LAST_MODIFIED.incrementAndGet();
        String[] ids = new String[MAX_PENDING];
        for (int i = 0; i < MAX_PENDING; i++) ids[i] = created(init(carol, "clip" + i + ".mp4", 1000, i == 0 ? first : LAST_MODIFIED.incrementAndGet()));
        Response again = init(carol, "clip0.mp4", 1000, first);
        assertThat(again.status()).as(again.text()).isIn(200, 201);
        assertThat(again.header("Location")).endsWith("upload_id=" + ids[0]);
        for (String id : ids) cancel(carol, id);
    }

    @Test
    void declared_sizes_of_pending_uploads_count_against_the_quota() {
        TestClient dave = user("dave", 5_000_000);
        long files = partFiles();
        String first = created(init(dave, "a.mp4", 3_000_000, LAST_MODIFIED.incrementAndGet()));
        Response second = init(dave, "b.mp4", 3_000_000, LAST_MODIFIED.incrementAndGet());
        assertThat(second.status()).as(second.text()).isEqualTo(413);
        assertThat(second.json().get("code").asText()).isEqualTo("quota_reached");
        assertThat(partFiles()).isEqualTo(files + 1);
        assertThat(cancel(dave, first).status()).isEqualTo(204);
        cancel(dave, created(init(dave, "b.mp4", 3_000_000, LAST_MODIFIED.get())));
        assertThat(partFiles()).isEqualTo(files);
    }

    @Test
    void uploads_refused_at_init_leave_no_file() {
        TestClient erin = user("erin", 5_000_000);
        long files = partFiles();
        assertThat(init(erin, "notes.txt", 1000, LAST_MODIFIED.incrementAndGet()).status()).isEqualTo(415);
        assertThat(init(erin, "huge.mp4", MAX_UPLOAD + 1, LAST_MODIFIED.incrementAndGet()).json().get("code").asText())
                .isEqualTo("max_file_size_reached");
        assertThat(init(erin, "over-quota.mp4", 6_000_000, LAST_MODIFIED.incrementAndGet()).json().get("code").asText())
                .isEqualTo("quota_reached");
        assertThat(partFiles()).isEqualTo(files);
    }

    @Test
    void an_upload_refused_when_its_last_chunk_arrives_removes_its_file_and_session() throws IOException {
        TestClient frank = user("frank", 5_000_000);
        byte[] file = Files.readAllBytes(TestMedia.clipWithAudio());
        long files = partFiles();
        String id = created(init(frank, "clip.mp4", file.length, LAST_MODIFIED.incrementAndGet()));
        assertThat(chunk(frank, id, file, 0, file.length / 2).status()).isEqualTo(308);
        // The admin lowers the quota meanwhile: the finished file no longer fits.
        long userId = frank.me().get("id").asLong();
        assertThat(admin.putJson("/api/v1/users/" + userId, Map.of("videoQuota", 1000)).status()).isEqualTo(204);
        Response last = chunk(frank, id, file, file.length / 2, file.length);
        assertThat(last.status()).as(last.text()).isEqualTo(413);
        assertThat(partFiles()).as("the refused file is gone").isEqualTo(files);
        assertThat(chunk(frank, id, file, file.length / 2, file.length).status()).as("and its session").isEqualTo(404);
    }

    private static TestClient user(String name, long quota) {
        Response r = admin.postJson("/api/v1/users", Map.of("username", name, "password", name + "-password", "email", name + "@example.org",
                "role", 2, "videoQuota", quota));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return tandem.client().login(name, name + "-password");
    }

    private static String created(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return ResumableCalls.uploadId(r);
    }

    /** Partial upload files anywhere in the instance's data folder. */
    private static long partFiles() {
        try (Stream<java.nio.file.Path> all = Files.walk(tandem.dataDir())) {
            return all.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries are durable: a comment written while the other instance is down reaches it once it is
 * back, even though the sender restarted in between; an inbox that never answers ends in the
 * admin's failed list with the reason.
 */
class DeliveryTest {

    @Test
    void a_comment_written_while_b_is_down_reaches_b_after_both_restart() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            String uuid = followedVideo(a, b);
            TestClient adminA = a.admin();
            b.stopApp();
            assertThat(adminA.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Written while B was down")).status())
                    .isEqualTo(200);
            awaitFailedAttempt(a);

            a.stopApp();
            a.restartApp();
            b.restartApp();

            String threads = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !threads.contains("Written while B was down")) {
                sleep(250);
                threads = b.client().get("/api/v1/videos/" + uuid + "/comment-threads").text();
            }
            assertThat(threads).contains("Written while B was down");
            Federated.awaitIdle(a, b);
            assertThat(count(a, "SELECT COUNT(*) FROM jobs WHERE type = 'activitypub-http-unicast' AND state <> 'done'")).isZero();
        }
    }

    @Test
    void an_inbox_that_never_answers_ends_in_the_failed_deliveries_list() {
        Map<String, String> fewAttempts = Federated.settings(Map.of("federation_delivery_attempts", "2"));
        try (TestInstance a = TestInstance.start(fewAttempts); TestInstance b = TestInstance.start(fewAttempts)) {
            String uuid = followedVideo(a, b);
            b.stopApp();
            assertThat(a.admin().postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Nobody will read this")).status())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode failed = null;
            while (System.nanoTime() < deadline) {
                failed = a.admin().get("/api/v1/jobs/failed?jobType=activitypub-http-unicast").json();
                if (failed.at("/total").asInt() > 0) break;
                sleep(250);
            }
            assertThat(failed.at("/total").asInt()).isEqualTo(1);
            JsonNode job = failed.at("/data/0");
            assertThat(job.at("/data").asText()).contains(b.baseUrl() + "/inbox").contains("Create");
            assertThat(job.at("/error").asText()).containsIgnoringCase("POST " + b.baseUrl() + "/inbox");
            assertThat(job.at("/attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void a_host_with_many_slow_inboxes_does_not_hold_up_deliveries_to_others() {
        // Four deliveries in flight, one per host: twelve Accepts to one slow host's twelve inboxes
        // would otherwise hold all four slots, three of them waiting for that host, for about nine seconds.
        try (InboxFixture f = InboxFixture.start(Map.of("federation_delivery_concurrency", "4", "federation_per_host_concurrency", "1"));
             FakeRemote fast = FakeRemote.start(f.tandem.client())) {
            f.publishLocalAccount();
            f.fake.postDelay = Duration.ofSeconds(1);
            int slowFollowers = 12;
            for (int i = 1; i <= slowFollowers; i++) {
                f.fake.personWithoutSharedInbox("slow" + i);
                String actor = f.fake.actor("slow" + i);
                assertThat(f.fake.post(f.inbox(), actor, f.activity("Follow", actor, f.localAccount())).status()).isEqualTo(202);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acceptsTo(f.fake) == 0 && System.nanoTime() < deadline) sleep(50);
            assertThat(acceptsTo(f.fake)).as("the slow host gets its first Accept").isPositive();

            String other = fast.actor("alice");
            ObjectNode follow = f.activity("Follow", other, f.localAccount());
            follow.put("id", fast.base() + "/follows/1");
            assertThat(fast.post(f.inbox(), other, follow).status()).isEqualTo(202);
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acceptsTo(fast) == 0 && System.nanoTime() < deadline) sleep(20);
            int slowAcceptsBefore = acceptsTo(f.fake);
            assertThat(acceptsTo(fast)).as("the fast host gets its Accept").isEqualTo(1);
            assertThat(slowAcceptsBefore).as("the fast host's Accept did not wait for the slow host's queue").isLessThan(6);

            f.tandem.awaitIdle(Duration.ofSeconds(60));
            assertThat(acceptsTo(f.fake)).as("every slow inbox gets its Accept in the end").isEqualTo(slowFollowers);
            assertThat(count(f.tandem, "SELECT COUNT(*) FROM jobs WHERE type = 'activitypub-http-unicast' AND state <> 'done'")).isZero();
            assertThat(count(f.tandem, "SELECT MAX(attempts) FROM jobs WHERE type = 'activitypub-http-unicast'"))
                    .as("stepping aside for a busy host is not a failed attempt").isEqualTo(1);
        }
    }

    private static int acceptsTo(FakeRemote fake) {
        return (int) fake.received().stream().filter(r -> r.method().equals("POST") && r.body().contains("\"Accept\"")).count();
    }

    /** A follows B, B publishes a video, A has it; returns its uuid. */
    private static String followedVideo(TestInstance a, TestInstance b) {
        var up = b.admin().upload(TestMedia.clipWithAudio(), "On B", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        String uuid = up.json().at("/video/uuid").asText();
        assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b)))).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
        return uuid;
    }

    private static void awaitFailedAttempt(TestInstance a) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(a, "SELECT COUNT(*) FROM jobs WHERE type = 'activitypub-http-unicast' AND state = 'pending' AND last_error IS NOT NULL") > 0) return;
            sleep(100);
        }
        throw new AssertionError("the delivery to the stopped instance never failed");
    }

    private static long count(TestInstance t, String sql) {
        return t.app().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

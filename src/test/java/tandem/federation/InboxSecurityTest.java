package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.SignatureHeader;
import tandem.federation.signature.Signer;
import tandem.federation.signature.SigningString;

/**
 * The inbox under attack, one row of the security matrix per test: each refusal has a precise
 * status and a `detail` naming the reason, stores nothing, and leaves the inbox serving the next
 * honest activity. Rows that can only be judged after fetching the object are accepted (202) and
 * their job ends dead with the reason.
 */
class InboxSecurityTest {
    private static final int MAX_BYTES = 64 * 1024;
    private static InboxFixture f;

    @BeforeAll
    static void start() {
        f = InboxFixture.start(Map.of("federation_max_inbox_bytes", String.valueOf(MAX_BYTES)));
        f.publishLocalAccount();
        f.tandemFollowsAlice();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    // --- Signature rows: 403 before anything is stored --------------------------------------------

    @Test
    void an_unsigned_activity_is_refused() {
        assertRefusedUnchanged(signedFollow(o -> o.headers.remove("Signature")), 403, "missing Signature header");
    }

    @Test
    void an_activity_signed_with_another_key_is_refused() {
        Signer forged = new Signer(f.alice() + "#main-key", TestKeys.MALLORY_PRIVATE);
        Supplier<Response> r = () -> f.fake.post(f.inbox(), forged, bytes(follow(f.alice())), Instant.now(), o -> { });
        assertRefusedUnchanged(r, 403, "signature does not verify with the key of " + f.alice());
    }

    @Test
    void an_activity_signed_by_someone_else_than_its_actor_is_refused() {
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.fake.actor("mallory")), bytes(follow(f.alice())), Instant.now(), o -> { });
        assertRefusedUnchanged(r, 403, "signer " + f.fake.actor("mallory") + " is not the activity's actor " + f.alice());
    }

    @Test
    void a_stale_date_is_refused() {
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), bytes(follow(f.alice())), Instant.now().minus(Duration.ofHours(2)), o -> { });
        // Dates have one-second resolution: two hours back is 7200 or 7201 s by the time it is checked.
        assertRefusedUnchanged(r, 403, "Date is 720");
        assertRefused(r.get(), 403, "s away from our clock (limit 1800 s)");
    }

    @Test
    void a_date_in_the_future_is_refused() {
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), bytes(follow(f.alice())), Instant.now().plus(Duration.ofHours(2)), o -> { });
        assertRefusedUnchanged(r, 403, "s away from our clock (limit 1800 s)");
    }

    @Test
    void a_body_that_does_not_match_its_digest_is_refused() {
        byte[] other = bytes(follow(f.alice()));
        assertRefusedUnchanged(signedFollow(o -> o.body = other), 403, "Digest does not match the body");
    }

    @Test
    void a_signature_that_leaves_the_digest_unsigned_is_refused() {
        assertRefusedUnchanged(signedFollow(o -> resign(o, List.of("(request-target)", "host", "date"))), 403,
                "signed headers must include digest");
    }

    @Test
    void a_signature_that_leaves_the_date_unsigned_is_refused() {
        assertRefusedUnchanged(signedFollow(o -> resign(o, List.of("(request-target)", "host", "digest"))), 403,
                "signed headers must include date or (created)");
    }

    @Test
    void a_signature_made_for_another_instance_cannot_be_replayed_here() {
        byte[] body = bytes(follow(f.alice()));
        var headers = new java.util.LinkedHashMap<>(HttpSignatures.signPost(f.fake.signer(f.alice()), URI.create("http://elsewhere.example/inbox"),
                body, Instant.now()));
        Supplier<Response> r = () -> f.fake.send(URI.create(f.inbox()), new FakeRemote.Outgoing(headers, body));
        assertRefusedUnchanged(r, 403, "signature does not verify");
    }

    // --- Body and shape rows ----------------------------------------------------------------------

    @Test
    void an_oversized_body_is_refused_before_it_is_read() {
        ObjectNode big = follow(f.alice());
        big.put("padding", "x".repeat(MAX_BYTES));
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), bytes(big), Instant.now(), o -> { });
        assertRefusedUnchanged(r, 413, "larger than " + MAX_BYTES + " bytes");
    }

    @Test
    void an_oversized_body_without_content_length_is_cut_off() {
        byte[] body = bytes(follow(f.alice()).put("padding", "x".repeat(2 * MAX_BYTES)));
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), body, Instant.now(), o -> o.chunked = true);
        assertRefusedUnchanged(r, 413, "larger than " + MAX_BYTES + " bytes");
    }

    @Test
    void invalid_json_is_refused() {
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), "{\"type\":\"Follow\",".getBytes(StandardCharsets.UTF_8), Instant.now(), o -> { });
        assertRefusedUnchanged(r, 400, "Incorrect activity: invalid JSON");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.alice()), "[1,2,3]".getBytes(StandardCharsets.UTF_8), Instant.now(), o -> { });
        assertRefusedUnchanged(r, 400, "the body must be a JSON object");
    }

    @Test
    void an_activity_without_object_is_refused() {
        ObjectNode a = follow(f.alice());
        a.remove("object");
        assertRefusedUnchanged(() -> f.fake.post(f.inbox(), f.alice(), a), 400, "Follow without object");
    }

    @Test
    void an_activity_claiming_to_come_from_this_instance_is_refused() {
        assertRefusedUnchanged(() -> f.fake.post(f.inbox(), f.alice(), follow(f.tandem.baseUrl() + "/accounts/peertube")), 409,
                "activity claims to come from this instance");
    }

    @Test
    void an_activity_whose_id_names_another_host_is_refused() {
        // Else any signer could squat the replay guard on another instance's predictable activity ids.
        String squatted = "https://victim.example/videos/watch/0e7b4f1c/activity";
        ObjectNode a = follow(f.alice()).put("id", squatted);
        assertRefusedUnchanged(() -> f.fake.post(f.inbox(), f.alice(), a), 400,
                "Incorrect activity: id " + squatted + " is not on the actor's host " + f.fake.host());
    }

    @Test
    void a_replayed_request_is_refused() {
        byte[] body = bytes(follow(f.alice()));
        var headers = new java.util.LinkedHashMap<>(HttpSignatures.signPost(f.fake.signer(f.alice()), URI.create(f.inbox()), body, Instant.now()));
        assertThat(f.fake.send(URI.create(f.inbox()), new FakeRemote.Outgoing(headers, body)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        InboxCounts before = InboxCounts.of(f);
        String id = bytesToJson(body).path("id").asText();
        assertRefused(f.fake.send(URI.create(f.inbox()), new FakeRemote.Outgoing(headers, body)), 409,
                "activity " + id + " was already received (the same signed request)");
        assertThat(InboxCounts.of(f)).isEqualTo(before);
        assertStillServesHonestActivities();
    }

    @Test
    void an_activity_id_used_again_in_a_new_signed_request_is_accepted_as_peertube_reuses_ids() {
        byte[] follow = bytes(follow(f.alice()));
        var signer = f.fake.signer(f.alice());
        assertThat(f.fake.post(f.inbox(), signer, follow, f.tandem.clock().instant(), o -> { }).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        f.tandem.clock().advance(Duration.ofMillis(1100)); // a new Date, so a new signature: PeerTube's Follow after an Undo keeps its id
        assertThat(f.fake.post(f.inbox(), signer, follow, f.tandem.clock().instant(), o -> { }).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(f.inboxJobs().getLast().getKey()).isEqualTo("done");
    }

    @Test
    void a_like_forwarded_by_another_instance_is_acknowledged_and_ignored() {
        InboxCounts before = InboxCounts.of(f);
        ObjectNode like = f.activity("Like", f.alice(), f.localAccount());
        Response r = f.fake.post(f.inbox(), f.fake.signer(f.fake.actor("mallory")), bytes(like), Instant.now(), o -> { });
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(InboxCounts.of(f)).as("nothing stored").isEqualTo(before);
    }

    // --- Blocks -----------------------------------------------------------------------------------

    @Test
    void a_blocked_instance_is_refused() {
        assertThat(f.admin.postJson("/api/v1/server/blocklist/servers", Map.of("host", f.fake.host())).status()).isEqualTo(204);
        try {
            assertRefusedStoringNothing(() -> f.fake.post(f.inbox(), f.alice(), follow(f.alice())), 403, "instance " + f.fake.host() + " is blocked here");
        } finally {
            assertThat(f.admin.delete("/api/v1/server/blocklist/servers/" + f.fake.host()).status()).isEqualTo(204);
        }
        assertStillServesHonestActivities();
    }

    @Test
    void a_blocked_account_is_refused() {
        String mallory = f.fake.actor("mallory");
        assertThat(f.fake.post(f.inbox(), mallory, f.activity("Flag", mallory, f.localAccount())).status()).as("mallory becomes known").isEqualTo(202);
        f.tandem.awaitIdle();
        String handle = "mallory@" + f.fake.host();
        Response block = f.admin.postJson("/api/v1/server/blocklist/accounts", Map.of("accountName", handle));
        assertThat(block.status()).as(block.text()).isEqualTo(204);
        try {
            assertRefusedStoringNothing(() -> f.fake.post(f.inbox(), mallory, f.activity("Follow", mallory, f.localAccount())), 403,
                    "account " + handle + " is blocked here");
        } finally {
            assertThat(f.admin.delete("/api/v1/server/blocklist/accounts/" + handle).status()).isEqualTo(204);
        }
        assertStillServesHonestActivities();
    }

    // --- Rows judged after acceptance: 202, then the job ends dead with its reason -----------------

    @Test
    void a_video_whose_id_names_another_host_is_not_stored() {
        String url = lyingVideo("/videos/lying-create");
        assertDeadUnstored(f.activity("Create", f.alice(), url), "object id host victim.example differs from " + f.fake.host());
    }

    @Test
    void an_announce_of_a_video_whose_id_names_another_host_is_not_stored() {
        String url = lyingVideo("/videos/lying-announce");
        assertDeadUnstored(f.activity("Announce", f.alice(), url), "object id host victim.example differs from " + f.fake.host());
    }

    @Test
    void a_video_attributed_to_someone_else_is_not_stored() {
        String url = f.fake.base() + "/videos/mallorys";
        f.fake.video("/videos/mallorys", url, f.fake.actor("mallory"), f.fake.channel("mallory_channel"));
        assertDeadUnstored(f.activity("Create", f.alice(), url), "video " + url + " is attributed to " + f.fake.actor("mallory") + ", not to " + f.alice());
    }

    @Test
    void a_comment_whose_id_names_another_host_is_not_stored() {
        ObjectNode note = f.note("https://victim.example/comments/1", f.alice(), f.tandem.baseUrl() + "/videos/watch/whatever");
        assertDeadUnstored(f.activity("Create", f.alice(), note), "comment https://victim.example/comments/1 is not on its author's host");
    }

    @Test
    void a_forwarded_comment_is_fetched_from_its_origin_not_trusted_from_the_body() {
        String noteId = f.fake.base() + "/comments/never-written";
        ObjectNode create = f.activity("Create", f.alice(), f.note(noteId, f.alice(), f.tandem.baseUrl() + "/videos/watch/whatever"));
        Supplier<Response> r = () -> f.fake.post(f.inbox(), f.fake.signer(f.fake.actor("mallory")), bytes(create), Instant.now(), o -> { });
        assertDeadUnstored(r, "GET " + noteId + " answered HTTP 404");
    }

    @Test
    void a_follow_of_an_actor_that_does_not_exist_here_ends_dead() {
        String nobody = f.tandem.baseUrl() + "/accounts/nobody";
        assertDeadUnstored(f.activity("Follow", f.alice(), nobody), "Follow target " + nobody + " is not an actor of this instance");
    }

    // --- The honest path, for contrast ---------------------------------------------------------------

    @Test
    void an_honest_video_from_a_followed_actor_is_stored() {
        String url = f.aliceVideo("/videos/honest");
        long videos = f.count("SELECT COUNT(*) FROM remote_videos");
        assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), url)).status()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(f.lastInboxJob().getKey()).isEqualTo("done");
        assertThat(f.count("SELECT COUNT(*) FROM remote_videos")).isEqualTo(videos + 1);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static ObjectNode follow(String actor) {
        return f.activity("Follow", actor, f.localAccount());
    }

    private static byte[] bytes(ObjectNode activity) {
        return activity.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Supplier<Response> signedFollow(Consumer<FakeRemote.Outgoing> tamper) {
        return () -> signedFollowNow(tamper);
    }

    private static Response signedFollowNow(Consumer<FakeRemote.Outgoing> tamper) {
        return f.fake.post(f.inbox(), f.fake.signer(f.alice()), bytes(follow(f.alice())), Instant.now(), tamper);
    }

    /** Replaces the Signature with a valid one over only `headers`. */
    private static void resign(FakeRemote.Outgoing o, List<String> headers) {
        String signing = SigningString.build(headers, "post /inbox", name -> name.equals("host")
                ? HttpSignatures.host(URI.create(f.inbox())) : o.headers.get(Character.toUpperCase(name.charAt(0)) + name.substring(1)), null, null);
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initSign(TestKeys.ALICE_PRIVATE);
            rsa.update(signing.getBytes(StandardCharsets.UTF_8));
            String value = java.util.Base64.getEncoder().encodeToString(rsa.sign());
            o.headers.put("Signature", new SignatureHeader(f.alice() + "#main-key", "rsa-sha256", headers, value, null, null).format());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves a Video at `path` on the fake whose id claims to live on victim.example. */
    private static String lyingVideo(String path) {
        f.fake.video(path, "https://victim.example" + path, f.alice(), f.fake.channel("alice_channel"));
        return f.fake.base() + path;
    }

    private static void assertRefused(Response r, int status, String reason) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asText()).contains(reason);
    }

    private static void assertRefusedUnchanged(Supplier<Response> send, int status, String reason) {
        assertRefusedStoringNothing(send, status, reason);
        assertStillServesHonestActivities();
    }

    private static void assertRefusedStoringNothing(Supplier<Response> send, int status, String reason) {
        InboxCounts before = InboxCounts.of(f);
        assertRefused(send.get(), status, reason);
        f.tandem.awaitIdle();
        assertThat(InboxCounts.of(f)).as("nothing stored").isEqualTo(before);
    }

    private static void assertDeadUnstored(ObjectNode activity, String reason) {
        assertDeadUnstored(() -> f.fake.post(f.inbox(), f.alice(), activity), reason);
    }

    private static void assertDeadUnstored(Supplier<Response> send, String reason) {
        InboxCounts before = InboxCounts.of(f);
        Response r = send.get();
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        f.tandem.awaitIdle();
        var job = f.lastInboxJob();
        assertThat(job.getKey()).as(job.getValue()).isEqualTo("dead");
        assertThat(job.getValue()).contains(reason);
        InboxCounts after = InboxCounts.of(f);
        assertThat(after.withoutInbox()).as("no video, comment or follow stored").isEqualTo(before.withoutInbox());
        assertStillServesHonestActivities();
    }

    /** An honest Follow right after is accepted and processed: the refusal harmed nothing. */
    private static void assertStillServesHonestActivities() {
        Response ok = f.fake.post(f.inbox(), f.alice(), follow(f.alice()));
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(f.lastInboxJob().getKey()).isEqualTo("done");
        assertThat(f.count("SELECT COUNT(*) FROM actor_follows f JOIN actors a ON a.id = f.follower_id WHERE a.url = '" + f.alice() + "'"))
                .isEqualTo(1);
    }

    private static com.fasterxml.jackson.databind.JsonNode bytesToJson(byte[] body) {
        try {
            return InboxFixture.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

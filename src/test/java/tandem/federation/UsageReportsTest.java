package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.RsaKeys;
import tandem.federation.signature.Signer;
import tandem.job.NoPayload;
import tandem.media.TestMedia;
import tandem.mirror.ledger.UsageJobs;
import tandem.mirror.ledger.ServedBytesStore;
import tandem.mirror.ledger.UsageReportStore;
import tandem.testing.Eventually;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hourly usage reports over real HTTP: A is the origin, B holds a mirror of A's video (announced to
 * A as a CacheFile), C follows A and holds none. What B served is put in its `served_bytes` as the
 * counters would; what A's players saw come from B, in A's `video_source_stats`. Both sides must end
 * with the same statement; an inflated claim is flagged on both; a report made while A is down
 * arrives once A is back; bad reports, crafted and signed, are refused with their reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageReportsTest {
    private static final long HELD = 4_321_000;
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static FakeRemote m;
    private static String uuid;
    private static long videoOnA;
    /** Complete hours, a few hours back so that every rule takes them (they are past the settling delay). */
    private static final Instant NOW_HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        c = Federated.start();
        var up = a.admin().upload(TestMedia.clipWithAudio(), "Carried by a mirror", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        Federated.awaitIdle(a);
        for (TestInstance follower : List.of(b, c)) {
            assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(a, b, c);
        videoOnA = videoId(a);
        long onB = videoId(b);
        b.app().database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO mirrors (video_id, strategy, state, size_bytes, created_at, updated_at) VALUES (?, 'manual', 'ready', ?, 0, 0)", onB, HELD));
        b.app().cacheFileAnnouncer().created(onB, null);
        Federated.awaitIdle(a, b, c);
        long known = a.app().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM remote_mirrors").mapTo(Long.class).one());
        assertThat(known).as("A knows B's mirror").isEqualTo(1);
        m = FakeRemote.start(a.client());
    }

    @AfterAll
    static void stop() {
        m.close();
        a.close();
        b.close();
        c.close();
    }

    @Test
    @Order(1)
    void an_honest_report_ends_with_the_same_statement_on_both_sides() {
        long hour = hoursAgo(3);
        players(hour, b, 1_000_000);
        served(b, hour, 1_200_000);
        sendReports(b);
        Federated.awaitIdle(a, b);
        var received = line(a, "received", b, hour);
        var sent = line(b, "sent", a, hour);
        assertThat(received.claimedBytes()).isEqualTo(1_200_000);
        assertThat(received.heldBytes()).isEqualTo(HELD);
        assertThat(received.originBytes()).isEqualTo(1_000_000);
        assertThat(received.flag()).isNull();
        assertThat(sent.answeredAt()).as("answered").isNotNull();
        assertSameStatement(received, sent);
        assertThat(received.activityUrl()).isEqualTo(b.baseUrl() + "/usage-reports/" + Federated.host(a) + "/" + Instant.ofEpochMilli(hour));

        sendReports(b);
        Federated.awaitIdle(a, b);
        assertThat(store(b).rows("sent", Federated.host(a))).as("reported once").hasSize(1);
    }

    @Test
    @Order(2)
    void an_inflated_claim_is_flagged_on_both_sides() {
        long hour = hoursAgo(4);
        players(hour, b, 1_000_000);
        served(b, hour, 50_000_000);
        sendReports(b);
        Federated.awaitIdle(a, b);
        var received = line(a, "received", b, hour);
        var sent = line(b, "sent", a, hour);
        assertThat(received.flag()).contains("claimed 50000000 bytes, our players counted 1000000 bytes from " + Federated.host(b));
        assertSameStatement(received, sent);
    }

    @Test
    @Order(3)
    void a_report_made_while_the_origin_is_down_arrives_once_it_is_back() {
        long hour = hoursAgo(5);
        players(hour, b, 2_000_000);
        served(b, hour, 2_000_000);
        a.stopApp();
        try {
            sendReports(b);
            var sent = Eventually.await("B's report stored", Duration.ofSeconds(30), () -> store(b).rows("sent", Federated.host(a)).stream()
                    .filter(r -> r.hourStart() == hour).findFirst().orElse(null));
            assertThat(sent.answeredAt()).isNull();
            Eventually.await("a failed delivery to A", Duration.ofSeconds(30), () -> b.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM jobs WHERE payload LIKE '%UsageReport%' AND attempts > 0").mapTo(Long.class).one()) > 0 ? true : null);
        } finally {
            a.restartApp();
        }
        var sent = Eventually.await("A's answer after its return", Duration.ofSeconds(90), () -> {
            var r = line(b, "sent", a, hour);
            return r.answeredAt() == null ? null : r;
        });
        assertSameStatement(line(a, "received", b, hour), sent);
    }

    @Test
    @Order(4)
    void bad_reports_are_refused_with_their_reason() {
        String bActor = instance(b);
        long done = hoursAgo(6);
        // Refused at the door, with the reason in the answer.
        var forged = post(a, instance(c), key(c), report(b, bActor, done, claim(videoUrl(), 10)));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("is not the activity's actor");
        var negative = post(a, bActor, key(b), report(b, bActor, done, claim(videoUrl(), -5)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text()).contains("is negative");
        ObjectNode fractional = report(b, bActor, done, claim(videoUrl(), 0));
        ((ObjectNode) fractional.get("usage").get(0)).put("bytes", 12.5);
        assertThat(post(a, bActor, key(b), fractional).text()).contains("must be a whole number of bytes");
        assertThat(post(a, bActor, key(b), report(b, bActor, done, claim(videoUrl(), 20_000_000_000_000L))).text()).contains("more than 10 TB");

        // Refused once processed: the reason is the inbox job's error.
        refused(b, bActor, report(b, bActor, NOW_HOUR.plus(Duration.ofHours(2)).toEpochMilli(), claim(videoUrl(), 10)), "is in the future");
        refused(b, bActor, report(b, bActor, NOW_HOUR.toEpochMilli(), claim(videoUrl(), 10)), "is not complete yet");
        refused(b, bActor, report(b, bActor, NOW_HOUR.minus(Duration.ofDays(31)).toEpochMilli(), claim(videoUrl(), 10)), "older than 30 days");
        refused(b, bActor, report(b, bActor, hoursAgo(3), claim(videoUrl(), 10)), "duplicate: " + Federated.host(b) + " already reported");
        refused(b, bActor, report(b, bActor, done, claim(a.baseUrl() + "/videos/watch/" + UUID.randomUUID(), 10)), "is not ours");
        refused(b, bActor, report(b, bActor, done, claim(m.base() + "/videos/watch/" + uuid, 10)), "is not ours");
        refused(b, bActor, report(b, bActor, done, claim(videoUrl(), Long.MAX_VALUE / 1_000_000)), "absurd:");
        refused(c, instance(c), report(c, instance(c), done, claim(videoUrl(), 10)), Federated.host(c) + " holds no mirror of video");
        ObjectNode byAPerson = report(b, bActor, done, claim(videoUrl(), 10));
        byAPerson.put("actor", m.actor("alice")).put("id", m.base() + "/usage-reports/" + UUID.randomUUID());
        assertThat(m.post(a.baseUrl() + "/inbox", m.actor("alice"), byAPerson).status()).isEqualTo(202);
        Federated.awaitIdle(a);
        assertThat(lastInboxError(a)).contains("is a Person, not an instance actor");
        assertThat(store(a).rows("received", Federated.host(c))).as("nothing stored of what was refused").isEmpty();
        assertThat(store(a).rows("received", Federated.host(b))).extracting(UsageReportStore.Row::hourStart)
                .containsExactly(hoursAgo(5), hoursAgo(4), hoursAgo(3));

        // Serving without a mirror counts when our players saw it: a mirror withdrawn since still served its hours.
        long seen = hoursAgo(7);
        players(seen, c, 3_000);
        assertThat(post(a, instance(c), key(c), report(c, instance(c), seen, claim(videoUrl(), 3_000))).status()).isEqualTo(202);
        Federated.awaitIdle(a, c);
        assertThat(line(a, "received", c, seen).flag()).isNull();

        // And a mirror takes statements only from the origin it reported to.
        ObjectNode statement = report(c, instance(c), hoursAgo(3), claim(videoUrl(), 1_200_000));
        statement.put("type", "UsageStatement").put("id", c.baseUrl() + "/usage-statements/" + UUID.randomUUID())
                .put("inReplyTo", b.baseUrl() + "/usage-reports/" + Federated.host(a) + "/" + Instant.ofEpochMilli(hoursAgo(3)));
        ((ObjectNode) statement.get("usage").get(0)).put("originBytes", 5);
        assertThat(post(b, instance(c), key(c), statement).status()).isEqualTo(202);
        Federated.awaitIdle(b);
        assertThat(lastInboxError(b)).contains("not our report to " + Federated.host(c));
        assertThat(line(b, "sent", a, hoursAgo(3)).originBytes()).as("unchanged").isEqualTo(1_000_000);
    }

    // --- helpers

    private static void assertSameStatement(UsageReportStore.Row received, UsageReportStore.Row sent) {
        assertThat(sent.claimedBytes()).isEqualTo(received.claimedBytes());
        assertThat(sent.heldBytes()).isEqualTo(received.heldBytes());
        assertThat(sent.originBytes()).isEqualTo(received.originBytes());
        assertThat(sent.flag()).isEqualTo(received.flag());
        assertThat(sent.uuid()).isEqualTo(received.uuid()).isEqualTo(uuid);
    }

    private static long hoursAgo(int n) {
        return NOW_HOUR.minus(Duration.ofHours(n)).toEpochMilli();
    }

    private static long videoId(TestInstance t) {
        return t.app().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", uuid).mapTo(Long.class).one());
    }

    private static String videoUrl() {
        return a.baseUrl() + "/videos/watch/" + uuid;
    }

    private static UsageReportStore store(TestInstance t) {
        return new UsageReportStore(t.app().database().jdbi());
    }

    /** What the counters of `mirror` would have added for A's video in that hour. */
    private static void served(TestInstance mirror, long hour, long bytes) {
        new ServedBytesStore(mirror.app().database().jdbi()).add(List.of(new ServedBytesStore.Row(uuid, Federated.host(a), hour, bytes)));
    }

    /** What A's players would have reported as carried by `source` in that hour. */
    private static void players(long hour, TestInstance source, long bytes) {
        a.app().database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO video_source_stats (video_id, hour_start, host, bytes, reports) VALUES (?, ?, ?, ?, 1)", videoOnA, hour, Federated.host(source), bytes));
    }

    /** The recurring report job's run, now. */
    private static void sendReports(TestInstance t) {
        t.app().jobs().enqueue(UsageJobs.SEND, NoPayload.NONE);
    }

    private static UsageReportStore.Row line(TestInstance on, String direction, TestInstance peer, long hour) {
        return store(on).rows(direction, Federated.host(peer)).stream().filter(r -> r.hourStart() == hour).findFirst()
                .orElseThrow(() -> new AssertionError("no " + direction + " line for " + Instant.ofEpochMilli(hour) + " on " + Federated.host(on)));
    }

    private static String instance(TestInstance t) {
        return t.baseUrl() + "/accounts/peertube";
    }

    private static String key(TestInstance t) {
        return t.app().database().jdbi().withHandle(h -> h.createQuery("SELECT private_key_pem FROM actors WHERE url = :u")
                .bind("u", instance(t)).mapTo(String.class).one());
    }

    private static ObjectNode claim(String video, long bytes) {
        return InboxFixture.JSON.createObjectNode().put("video", video).put("bytes", bytes).put("heldBytes", 0);
    }

    /** A report as `from`'s instance actor would write it, with an id of its own (one per crafted report). */
    private static ObjectNode report(TestInstance from, String actor, long hour, ObjectNode... claims) {
        ObjectNode r = InboxFixture.JSON.createObjectNode();
        r.putArray("@context").add("https://www.w3.org/ns/activitystreams").addObject().put("tandem", "urn:tandem:ns#");
        r.put("type", "UsageReport").put("id", from.baseUrl() + "/usage-reports/crafted/" + UUID.randomUUID()).put("actor", actor);
        r.putArray("to").add(instance(a));
        r.put("hour", Instant.ofEpochMilli(hour).toString());
        var usage = r.putArray("usage");
        for (ObjectNode c : claims) usage.add(c);
        return r;
    }

    private static void refused(TestInstance from, String actor, ObjectNode report, String reason) {
        var r = post(a, actor, key(from), report);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        Federated.awaitIdle(a, from);
        assertThat(lastInboxError(a)).contains(reason);
    }

    /** POSTs an activity to `to`'s inbox, HTTP-signed with the key of `signer`'s actor. */
    private static TestClient.Response post(TestInstance to, String signer, String privatePem, ObjectNode activity) {
        byte[] body = activity.toString().getBytes(StandardCharsets.UTF_8);
        URI target = URI.create(to.baseUrl() + "/inbox");
        Map<String, String> headers = HttpSignatures.signPost(new Signer(signer + "#main-key", RsaKeys.privateKey(privatePem)), target, body, Instant.now());
        TestClient client = to.client();
        HttpRequest.Builder req = client.builder(target.toString()).header("Content-Type", "application/activity+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host")) req.header(k, v);
        });
        return client.send(req);
    }

    private static String lastInboxError(TestInstance t) {
        return t.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT last_error FROM jobs WHERE type = 'activitypub-inbox' ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
    }
}

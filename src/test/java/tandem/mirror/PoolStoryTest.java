package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.job.NoPayload;
import tandem.media.TestMedia;
import tandem.mirror.ledger.UsageJobs;
import tandem.mirror.ledger.ServedBytesStore;
import tandem.mirror.ledger.UsageReportStore;
import tandem.mirror.pool.PoolJobs;
import tandem.testing.Eventually;
import tandem.testing.Federated;
import tandem.testing.TestInstance;
import tandem.web.BrowserScript;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Four instances share the cost of one busy video. A is a small host (1 GB of traffic a month) that
 * pledges nothing; B pledges storage and traffic from its admin page; C mirrors A's video by hand and
 * its counter inflates what it served; D pledges traffic but no storage. Viewers load A; B's planner
 * mirrors A's video and says why. Next hour, viewers fetch from B and C, counted here from outside,
 * and report per source to A like players do. After the hour, B and C report to A over ActivityPub
 * and A answers: both ledgers match the bytes counted from outside within 1 %, and C's claim is
 * flagged. The admin and public pages show it in Chromium. B leaves the pool: its copy goes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolStoryTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static TestInstance d;
    private static List<TestInstance> all;
    private static String uuid;
    private static final HttpClient http = HttpClient.newHttpClient();
    /** The hour the viewers fetched from the mirrors, and what they got from each, counted here. */
    private static long mirrorHour;
    private static long fromB;
    private static long fromC;

    @BeforeAll
    static void start() {
        Map<String, String> fast = Map.of("ledger_flush_seconds", "1");
        a = TestInstance.start(Federated.settings(fast));
        b = TestInstance.start(Federated.settings(fast));
        c = TestInstance.start(Federated.settings(fast));
        d = TestInstance.start(Federated.settings(fast));
        all = List.of(a, b, c, d);
        var up = a.admin().upload(TestMedia.longClip(), "Busy on a small host", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        a.awaitIdle();
        assertThat(a.admin().putJson("/api/v1/server/pledge", pledge(0, 0, 1)).status()).isEqualTo(200);
        assertThat(d.admin().putJson("/api/v1/server/pledge", pledge(0, 50, 500)).status()).isEqualTo(200);
        for (TestInstance member : List.of(b, c, d)) {
            assertThat(member.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(all);
        assertThat(c.admin().putJson("/api/v1/server/redundancy/" + Federated.host(a), Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        for (TestInstance t : new TestInstance[] {a, b, c, d}) if (t != null) t.close();
    }

    private static Map<String, Object> pledge(double storage, double egress, double capacity) {
        return Map.of("storageGB", storage, "egressGBPerMonth", egress, "egressCapacityGBPerMonth", capacity);
    }

    @Test
    @Order(1)
    void b_pledges_from_its_admin_page() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(90), Map.of("TANDEM_ACCESS_TOKEN", b.admin().token()),
                "browser-pool-ledger.mjs", b.baseUrl(), "pledge", "5", "100", "1000", "EUR", "0.02");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.report().get("put").asInt()).as(run.output()).isEqualTo(200);
        JsonNode ours = b.admin().get("/api/v1/server/pledge").json();
        assertThat(ours.get("storageGB").asDouble()).isEqualTo(5);
        assertThat(ours.at("/costs/currency").asText()).isEqualTo("EUR");
        Federated.awaitIdle(all);
        await("A knows B's pledge", () -> member(a, b).at("/pledge/storageGB").asDouble() == 5 ? true : null);
    }

    @Test
    @Order(2)
    void viewers_load_a_and_next_hour_b_mirrors_its_video_saying_why() {
        long servedByA = fetchAll(a.baseUrl() + "/static/streaming-playlists/hls/" + uuid, 6);
        awaitCounted(a, Federated.host(a), servedByA);
        nextHour(1);
        for (TestInstance t : all) t.app().jobs().enqueue(PoolJobs.PLAN, NoPayload.NONE);
        Federated.awaitIdle(all);
        await("A lists B's mirror", () -> a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").toString()
                .contains(mirrorOf(b)) ? true : null);
        JsonNode pool = b.admin().get("/api/v1/server/pool").json();
        JsonNode decision = pool.at("/decisions/0");
        assertThat(decision.get("videoUuid").asText()).isEqualTo(uuid);
        assertThat(decision.get("action").asText()).isEqualTo("add");
        assertThat(decision.get("reason").asText()).as("why, in plain words").contains(Federated.host(a)).contains("% of capacity");
        JsonNode aOnB = member(b, a);
        assertThat(aOnB.get("receivesHelpWithoutPledge").asBoolean()).as("A pledges nothing and is helped").isTrue();
        assertThat(d.admin().get("/api/v1/server/pool").json().get("decisions").toString()).as("D pledges no storage").doesNotContain("\"add\"");

        tandem.testing.TestClient.Response added = c.admin().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", videoId(c)));
        assertThat(added.status()).as(added.text()).isEqualTo(204);
        await("A lists C's mirror", () -> a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").toString()
                .contains(mirrorOf(c)) ? true : null);
    }

    @Test
    @Order(3)
    void viewers_fetch_from_the_mirrors_and_players_tell_a() {
        // A fresh hour: the origin's check of each new mirror (one random segment) stays in the hour before.
        nextHour(1);
        mirrorHour = hourOf(a);
        fromB = fetchAll(mirrorOf(b), 40);
        fromC = fetchAll(mirrorOf(c), 20);
        playersReport(mirrorOf(b), fromB);
        playersReport(mirrorOf(c), fromC);
        awaitCounted(b, Federated.host(a), fromB);
        awaitCounted(c, Federated.host(a), fromC);
        // C's counter claims twice what it served and more: far above what A's players saw.
        new ServedBytesStore(c.app().database().jdbi()).add(List.of(new ServedBytesStore.Row(uuid, Federated.host(a), mirrorHour, fromC + 20_000_000)));
    }

    @Test
    @Order(4)
    void after_the_hour_both_sides_hold_the_same_statement_and_the_inflated_claim_is_flagged() {
        nextHour(6);
        for (TestInstance mirror : List.of(b, c)) mirror.app().jobs().enqueue(UsageJobs.SEND, NoPayload.NONE);
        UsageReportStore.Row sentByB = await("A's answer to B", () -> answered(b));
        UsageReportStore.Row sentByC = await("A's answer to C", () -> answered(c));
        assertThat(sentByB.claimedBytes()).as("B reports what it served").isCloseTo(fromB, within(fromB / 100));
        assertThat(sentByB.flag()).isNull();
        assertThat(sentByB.originBytes()).as("what A's players counted from B").isEqualTo(fromB);
        assertThat(sentByC.claimedBytes()).isGreaterThanOrEqualTo(2 * fromC + 20_000_000);
        assertThat(sentByC.flag()).as("C holds A's flag").contains("claimed");
        assertThat(sentByC.originBytes()).isEqualTo(fromC);

        String month = YearMonth.from(Instant.ofEpochMilli(mirrorHour).atZone(ZoneOffset.UTC)).toString();
        JsonNode onA = a.admin().get("/api/v1/server/ledger?month=" + month).json();
        JsonNode bOnA = peer(onA, b);
        JsonNode cOnA = peer(onA, c);
        assertThat(bOnA.get("servedByThemBytes").asLong()).as(onA.toString()).isCloseTo(fromB, within(fromB / 100));
        assertThat(bOnA.at("/reports/flagged").asInt()).isZero();
        assertThat(cOnA.get("servedByThemBytes").asLong()).as("C's claim is not taken as it is: " + onA).isCloseTo(fromC, within(fromC / 100));
        assertThat(cOnA.at("/reports/flagged").asInt()).isEqualTo(1);
        JsonNode onB = b.admin().get("/api/v1/server/ledger?month=" + month).json();
        // B also served the checks of its new copy (one random segment each, by A and the others), an hour before: a fraction of a percent.
        assertThat(peer(onB, a).get("servedForThemBytes").asLong()).as("viewers got " + fromB + ": " + onB).isCloseTo(fromB, within(fromB / 100));
        assertThat(peer(onB, a).at("/money/forThem").asDouble()).as("at B's declared cost").isGreaterThan(0);
        System.out.printf("pool story: viewers got %d bytes from B, %d from C; A's ledger: by B %d, by C %d (C claimed %d, flagged); B's ledger: for A %d%n",
                fromB, fromC, bOnA.get("servedByThemBytes").asLong(), cOnA.get("servedByThemBytes").asLong(), sentByC.claimedBytes(),
                peer(onB, a).get("servedForThemBytes").asLong());
        JsonNode summary = b.client().get("/api/v1/server/ledger/summary?month=" + month).json();
        assertThat(summary.get("hostsHelped").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void the_admin_and_public_pages_show_it() {
        BrowserScript onB = BrowserScript.run(Duration.ofSeconds(120), Map.of("TANDEM_ACCESS_TOKEN", b.admin().token()),
                "browser-pool-ledger.mjs", b.baseUrl(), "view");
        String out = onB.output();
        assertThat(onB.exitCode()).as(out).isZero();
        assertThat(onB.report().at("/pool/decisions").asText()).as(out).contains("Busy on a small host").contains(Federated.host(a));
        assertThat(onB.report().at("/pool/members").asText()).as(out).contains("helped without a pledge");
        assertThat(onB.report().at("/ledger/page").asText()).as(out).contains(Federated.host(a));
        assertThat(onB.report().at("/csv/0").asText()).as(out).startsWith("day,host");
        assertThat(onB.report().at("/public/summary").asText()).as(out).contains("for 1 other host");

        BrowserScript onA = BrowserScript.run(Duration.ofSeconds(120), Map.of("TANDEM_ACCESS_TOKEN", a.admin().token()),
                "browser-pool-ledger.mjs", a.baseUrl(), "view");
        assertThat(onA.exitCode()).as(onA.output()).isZero();
        assertThat(onA.report().at("/ledger/page").asText()).as(onA.output()).contains(Federated.host(b)).contains(Federated.host(c)).contains("1 flagged");
        assertThat(onA.report().at("/ledger/chart").asInt()).as("the day's bars").isPositive();
        assertThat(onA.report().at("/ledger/peersChart").asInt()).as("two bars for each of B and C").isEqualTo(4);
        assertThat(onA.report().at("/public/helped").asText()).contains("2 other hosts");
    }

    @Test
    @Order(6)
    void b_leaves_the_pool_and_its_copy_goes() {
        var unfollow = b.admin().delete("/api/v1/server/following/" + Federated.host(a));
        assertThat(unfollow.status()).as(unfollow.text()).isEqualTo(204);
        Federated.awaitIdle(all);
        await("A no longer lists B's mirror", () -> a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies")
                .toString().contains(mirrorOf(b)) ? null : true);
        assertThat(b.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json().at("/total").asInt()).isZero();
    }

    // --- the viewers, counted from outside ---

    /** Fetches every HLS file of the video `rounds` times from `base` (origin or mirror); returns the body bytes received. */
    private static long fetchAll(String base, int rounds) {
        List<String> names = new ArrayList<>();
        for (JsonNode f : a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files")) {
            String url = f.get("fileUrl").asText();
            names.add(url.substring(url.lastIndexOf('/') + 1));
        }
        assertThat(names).isNotEmpty();
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            for (String name : names) total += bodyBytes(base + "/" + name);
        }
        return total;
    }

    private static long bodyBytes(String url) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            long n = 0;
            try (InputStream in = r.body()) {
                byte[] buf = new byte[64 * 1024];
                for (int k; (k = in.read(buf)) > 0; ) n += k;
            }
            return n;
        } catch (IOException e) {
            throw new AssertionError(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What a player on A's watch page reports: its HTTP bytes, all from one mirror. */
    private static void playersReport(String source, long bytes) {
        var r = a.client().postJson("/api/v1/metrics/playback", Map.of("videoId", uuid, "playerMode", "p2p-media-loader", "resolution", 720,
                "p2pEnabled", true, "resolutionChanges", 0, "errors", 0, "downloadedBytesP2P", 0, "downloadedBytesHTTP", bytes,
                "uploadedBytesP2P", 0, "tandemSources", List.of(Map.of("baseUrl", source, "bytes", bytes))));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
    }

    /** Waits until `t` has flushed at least `bytes` served for `origin`'s video into its ledger counts. */
    private static void awaitCounted(TestInstance t, String origin, long bytes) {
        await("counted on " + Federated.host(t), () -> {
            long n = t.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE video_uuid = ? AND origin_host = ?").bind(0, uuid).bind(1, origin)
                    .mapTo(Long.class).one());
            return n >= bytes ? true : null;
        });
    }

    // --- time, on every instance at once (signatures compare clocks) ---

    /** Moves every clock to `minutes` past the next hour, so what follows happens in a fresh hour whatever the real time. */
    private static void nextHour(int minutes) {
        Instant now = Instant.ofEpochMilli(a.clock().millis());
        Duration step = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(Duration.ofMinutes(minutes)));
        for (TestInstance t : all) t.clock().advance(step);
    }

    private static long hourOf(TestInstance t) {
        return Instant.ofEpochMilli(t.clock().millis()).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    }

    // --- reading the instances ---

    private static UsageReportStore.Row answered(TestInstance mirror) {
        return new UsageReportStore(mirror.app().database().jdbi()).rows("sent", Federated.host(a)).stream()
                .filter(r -> r.hourStart() == mirrorHour && r.answeredAt() != null).findFirst().orElse(null);
    }

    private static JsonNode member(TestInstance on, TestInstance host) {
        for (JsonNode m : on.admin().get("/api/v1/server/pool").json().get("members")) {
            if (m.get("host").asText().equals(Federated.host(host))) return m;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode peer(JsonNode ledger, TestInstance host) {
        for (JsonNode p : ledger.get("peers")) if (p.get("host").asText().equals(Federated.host(host))) return p;
        throw new AssertionError("no line for " + Federated.host(host) + " in " + ledger);
    }

    private static long videoId(TestInstance t) {
        return t.client().get("/api/v1/videos/" + uuid).json().get("id").asLong();
    }

    private static String mirrorOf(TestInstance t) {
        return t.baseUrl() + "/static/redundancy/hls/" + uuid;
    }

    private static <T> T await(String what, Supplier<T> value) {
        return Eventually.await(what, WITHIN, value);
    }
}

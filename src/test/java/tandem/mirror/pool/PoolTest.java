package tandem.mirror.pool;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.RsaKeys;
import tandem.federation.signature.Signer;
import tandem.media.TestMedia;
import tandem.testing.Eventually;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool over real instances: A the origin, B a member that follows A, C an instance that follows
 * A and pledges nothing. Pledges are set through the API and travel on instance actors; A answers
 * its pressure only to a signed request of a pledging member; B's pool-plan job mirrors A's video
 * when A is under load, explains why, and evicts it once B no longer follows A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolTest {
    private static final long GB = 1_000_000_000L;
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static String uuid;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        c = Federated.start();
        var up = a.admin().upload(TestMedia.clipWithAudio(), "Under pressure", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        a.awaitIdle();
        // B pledges before it follows A: A reads B's pledge when it fetches B's instance actor for the Follow.
        assertThat(b.admin().putJson("/api/v1/server/pledge", pledge(10, 1000, 2000)).status()).isEqualTo(200);
        for (TestInstance follower : List.of(b, c)) {
            assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(a, b, c);
    }

    @AfterAll
    static void stop() {
        for (TestInstance t : new TestInstance[] {a, b, c}) if (t != null) t.close();
    }

    private static Map<String, Object> pledge(double storage, double egress, double capacity) {
        return Map.of("storageGB", storage, "egressGBPerMonth", egress, "egressCapacityGBPerMonth", capacity,
                "costs", Map.of("currency", "EUR", "perGBEgress", 0.01, "perGBMonthStorage", 0.02));
    }

    @Test
    @Order(1)
    void the_pledge_api_is_for_admins_and_refuses_bad_pledges_with_their_reason() {
        assertThat(c.client().get("/api/v1/server/pledge").status()).isEqualTo(401);
        TestClient user = c.newUser("carol");
        assertThat(user.get("/api/v1/server/pledge").status()).isEqualTo(403);
        assertThat(user.putJson("/api/v1/server/pledge", pledge(1, 1, 1)).status()).isEqualTo(403);
        assertThat(c.admin().get("/api/v1/server/pledge").json().get("storageGB").asDouble()).as("no pledge yet").isZero();

        refused(Map.of("egressGBPerMonth", 1), "storageGB is required");
        refused(Map.of("storageGB", -1, "egressGBPerMonth", 1), "storageGB must be between 0 and 10000000 GB");
        refused(Map.of("storageGB", "lots", "egressGBPerMonth", 1), "storageGB must be a number of GB");
        refused(Map.of("storageGB", 1, "egressGBPerMonth", 1e12), "egressGBPerMonth must be between 0");
        refused(Map.of("storageGB", 1, "egressGBPerMonth", 1, "costs", Map.of("currency", "euro", "perGBEgress", 0.01)), "costs.currency must be a three-letter");
        refused(Map.of("storageGB", 1, "egressGBPerMonth", 1, "costs", Map.of("perGBEgress", 0.01)), "costs.currency is required");
        refused(Map.of("storageGB", 1, "egressGBPerMonth", 1, "costs", Map.of("currency", "EUR", "perGBEgress", -2)), "costs.perGBEgress must be between 0");
        assertThat(c.admin().get("/api/v1/server/pledge").json().get("storageGB").asDouble()).as("nothing stored").isZero();

        JsonNode ours = b.admin().get("/api/v1/server/pledge").json();
        assertThat(ours.get("storageGB").asDouble()).isEqualTo(10);
        assertThat(ours.at("/costs/currency").asText()).isEqualTo("EUR");
        assertThat(ours.at("/costs/perGBEgress").asDouble()).isEqualTo(0.01);
    }

    private static void refused(Map<String, Object> body, String reason) {
        TestClient.Response r = c.admin().putJson("/api/v1/server/pledge", body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.text()).contains(reason);
    }

    @Test
    @Order(2)
    void a_pledge_travels_on_the_instance_actor_and_its_updates_reach_the_followers() {
        JsonNode actor = b.client().get("/accounts/peertube", "Accept", "application/activity+json").json();
        assertThat(actor.at("/pledge/storageGB").asDouble()).isEqualTo(10);
        assertThat(actor.get("@context").toString()).contains("\"tandem\":\"urn:tandem:ns#\"").contains("\"pledge\":\"tandem:pledge\"");
        assertThat(member(a, Federated.host(b)).at("/pledge/egressGBPerMonth").asDouble()).as("A read B's pledge on the Follow").isEqualTo(1000);

        // A pledges, and changes it: B follows A, so each change reaches B through an Update of A's instance actor.
        assertThat(a.admin().putJson("/api/v1/server/pledge", pledge(5, 100, 1)).status()).isEqualTo(200);
        Federated.awaitIdle(a, b, c);
        assertThat(member(b, Federated.host(a)).at("/pledge/storageGB").asDouble()).isEqualTo(5);
        assertThat(a.admin().putJson("/api/v1/server/pledge", pledge(0, 0, 1)).status()).isEqualTo(200);
        Federated.awaitIdle(a, b, c);
        JsonNode onB = member(b, Federated.host(a));
        assertThat(onB.at("/pledge/storageGB").asDouble()).isZero();
        assertThat(onB.at("/pledge/egressCapacityGBPerMonth").asDouble()).isEqualTo(1);
        assertThat(onB.get("peertube").asBoolean()).isFalse();
        assertThat(member(a, Federated.host(c)).get("pledge").isNull()).as("C pledges nothing").isTrue();
    }

    @Test
    @Order(3)
    void pressure_is_answered_only_to_a_signed_request_of_a_pledging_instance() {
        TestClient.Response unsigned = a.client().get("/api/v1/server/pressure");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.text()).contains("missing Signature header");
        TestClient.Response byC = signedGet(c, a);
        assertThat(byC.status()).as(byC.text()).isEqualTo(403);
        assertThat(byC.text()).contains(Federated.host(c) + " publishes no pledge");
        TestClient.Response byB = signedGet(b, a);
        assertThat(byB.status()).as(byB.text()).isEqualTo(200);
        assertThat(byB.json().get("host").asText()).isEqualTo(Federated.host(a));
        assertThat(byB.json().get("capacityBytesPerHour").asLong()).isEqualTo(GB / 730);
        assertThat(byB.json().get("hours").asInt()).isEqualTo(Pressure.HOURS);
    }

    @Test
    @Order(4)
    void b_mirrors_the_video_of_a_loaded_origin_and_says_why() {
        // A served 1 GB an hour of its video over the last six hours, far beyond its declared capacity (1 GB a month).
        long hour = a.clock().millis() - Math.floorMod(a.clock().millis(), 3_600_000L) - 3_600_000L;
        a.app().database().jdbi().useHandle(h -> {
            for (int i = 0; i < Pressure.HOURS; i++) {
                h.createUpdate("INSERT INTO served_bytes (video_uuid, origin_host, hour_start, bytes) VALUES (:u, :o, :h, :b)")
                        .bind("u", uuid).bind("o", a.config().publicHost()).bind("h", hour - i * 3_600_000L).bind("b", 6 * GB).execute();
            }
        });
        replan(b);
        JsonNode decision = Eventually.await("B decides to mirror A's video", WITHIN, () -> {
            JsonNode d = b.admin().get("/api/v1/server/pool").json().get("decisions");
            return d.size() == 1 ? d.get(0) : null;
        });
        assertThat(decision.get("videoUuid").asText()).isEqualTo(uuid);
        assertThat(decision.get("action").asText()).isEqualTo("add");
        assertThat(decision.get("reason").asText()).startsWith("mirroring \"Under pressure\" for " + Federated.host(a) + ": " + Federated.host(a) + " at ")
                .contains("% of capacity, no other mirror");
        assertThat(decision.get("savedBytesPerHour").asLong()).isPositive();
        Eventually.await("A lists B's mirror", WITHIN, () -> a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").toString()
                .contains(b.baseUrl() + "/static/redundancy/hls/" + uuid) ? true : null);
        JsonNode mine = b.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json();
        assertThat(mine.at("/data/0/redundancies/streamingPlaylists/0/strategy").asText()).isEqualTo("pledge");
        JsonNode poolOfB = b.admin().get("/api/v1/server/pool").json();
        JsonNode memberA = member(b, Federated.host(a));
        assertThat(memberA.get("mirrorsWeHold").asInt()).isEqualTo(1);
        assertThat(memberA.get("receivesHelpWithoutPledge").asBoolean()).as("A pledges 0: helped all the same, and shown").isTrue();
        assertThat(memberA.get("capacityUse").asDouble()).isGreaterThan(1);
        assertThat(poolOfB.get("plannedAt").asLong()).isPositive();
        assertThat(member(a, Federated.host(b)).get("mirrorsTheyHold").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void once_b_no_longer_follows_a_the_plan_evicts_the_mirror() {
        assertThat(b.admin().delete("/api/v1/server/following/" + Federated.host(a)).status()).isEqualTo(204);
        Federated.awaitIdle(a, b, c);
        JsonNode decision = Eventually.await("B evicts A's video", WITHIN, () -> {
            JsonNode d = b.admin().get("/api/v1/server/pool").json().get("decisions");
            return d.size() == 1 && "evict".equals(d.get(0).get("action").asText()) ? d.get(0) : null;
        });
        assertThat(decision.get("reason").asText()).contains("no origin of the pool lists it");
        assertThat(b.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json().get("total").asInt()).isZero();
        Eventually.await("A no longer lists B's mirror", WITHIN, () -> a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").size() == 0 ? true : null);
    }

    private static void replan(TestInstance t) {
        JsonNode current = t.admin().get("/api/v1/server/pledge").json();
        assertThat(t.admin().putJson("/api/v1/server/pledge", current).status()).isEqualTo(200);
        Federated.awaitIdle(a, b, c);
    }

    private static JsonNode member(TestInstance t, String host) {
        for (JsonNode m : t.admin().get("/api/v1/server/pool").json().get("members")) {
            if (m.get("host").asText().equals(host)) return m;
        }
        throw new AssertionError(host + " is not a member of the pool of " + Federated.host(t) + ": " + t.admin().get("/api/v1/server/pool").text());
    }

    /** A GET of `to`'s pressure signed with the private key of `from`'s instance actor, as `from`'s own client signs it. */
    private static TestClient.Response signedGet(TestInstance from, TestInstance to) {
        String actor = from.baseUrl() + "/accounts/peertube";
        String pem = from.app().database().jdbi().withHandle(h -> h.createQuery("SELECT private_key_pem FROM actors WHERE url = :u")
                .bind("u", actor).mapTo(String.class).one());
        URI target = URI.create(to.baseUrl() + "/api/v1/server/pressure");
        var request = to.client().builder(target.toString()).GET();
        HttpSignatures.signGet(new Signer(actor + "#main-key", RsaKeys.privateKey(pem)), target, Instant.now()).forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host")) request.header(k, v);
        });
        return to.client().send(request);
    }
}

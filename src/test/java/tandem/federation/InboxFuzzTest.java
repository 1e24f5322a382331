package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import tandem.federation.signature.HttpSignatures;

/**
 * Thousands of mutated activities, correctly signed so they reach parsing and processing (and some
 * with broken signatures), thrown at one inbox: nothing answers 5xx, every refusal explains itself,
 * no job is left running or retrying garbage, nothing is stored from them, and the instance still
 * serves honest activities afterwards.
 */
class InboxFuzzTest {
    private static final long SEED = 20_240_601L;
    private static final int MUTANTS = 2000;
    private static InboxFixture f;
    private static String localVideo;
    private static String remoteVideo;

    /** A valid activity kind: how to build a fresh one, and which of its fields decide its validity. */
    private record Seed(String name, Supplier<ObjectNode> build, List<String> paths) {}

    @BeforeAll
    static void start() {
        f = InboxFixture.start(Map.of("federation_max_inbox_bytes", String.valueOf(256 * 1024)));
        f.publishLocalAccount();
        f.tandemFollowsAlice();
        localVideo = f.uploadLocalVideo();
        remoteVideo = f.aliceVideo("/videos/fuzz-announced");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static List<Seed> seeds() {
        List<String> core = List.of("id", "type", "actor", "object");
        return List.of(
                new Seed("Follow", () -> f.activity("Follow", f.alice(), f.localAccount()), core),
                new Seed("Create(Note)", () -> f.activity("Create", f.alice(), f.note(f.newId("comments"), f.alice(), localVideo)),
                        List.of("id", "type", "actor", "object", "object/id", "object/type", "object/attributedTo", "object/inReplyTo")),
                new Seed("Like", () -> f.activity("Like", f.alice(), localVideo), core),
                new Seed("Undo(Like)", () -> f.activity("Undo", f.alice(), f.activity("Like", f.alice(), localVideo)),
                        List.of("id", "type", "actor", "object", "object/type", "object/actor", "object/object")),
                new Seed("Announce", () -> f.activity("Announce", f.alice(), remoteVideo), core));
    }

    @Test
    void thousands_of_mutated_activities_store_nothing_and_break_nothing() {
        InboxCounts start = InboxCounts.of(f);
        for (Seed seed : seeds()) {
            Response r = f.fake.post(f.inbox(), f.alice(), seed.build().get());
            assertThat(r.status()).as(seed.name() + ": " + r.text()).isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(f.lastInboxJob().getKey()).as(seed.name() + " " + f.lastInboxJob().getValue()).isEqualTo("done");
        }
        InboxCounts seeded = InboxCounts.of(f);
        assertThat(seeded.follows()).as("the Follow seed").isEqualTo(start.follows() + 1);
        assertThat(seeded.comments()).as("the Note seed").isEqualTo(start.comments() + 1);
        assertThat(seeded.ratings()).as("the Like seed, undone").isEqualTo(start.ratings());
        assertThat(seeded.videos()).as("the Announce seed").isEqualTo(start.videos() + 1);
        long lastSeedJob = f.count("SELECT MAX(id) FROM jobs WHERE type = 'activitypub-inbox'");

        List<String> failures = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Mutator mutator = new Mutator(SEED, f.tandem.baseUrl());
        List<Seed> seeds = seeds();
        int accepted = 0;
        for (int i = 0; i < MUTANTS; i++) {
            Seed seed = seeds.get(i % seeds.size());
            Mutator.Mutant m = mutator.mutate(seed.build().get(), seed.paths());
            boolean breakSignature = mutator.random().nextInt(10) == 0;
            String what = "#" + i + " " + seed.name() + " " + m.description() + (breakSignature ? " + broken signature" : "");
            sent.add(what + ": " + abbreviate(new String(m.body(), StandardCharsets.UTF_8)));
            long inboxRows = breakSignature ? f.count("SELECT COUNT(*) FROM inbox_activities") : 0;
            Response r = f.fake.post(f.inbox(), f.fake.signer(f.alice()), m.body(), Instant.now(),
                    breakSignature ? breakSignature(mutator.random().nextInt(6)) : o -> { });
            if (r.status() >= 500) failures.add(what + " → " + r.status() + " " + abbreviate(r.text()));
            if (r.status() / 100 == 2) accepted++;
            if (r.status() / 100 != 2 && detail(r).isBlank()) failures.add(what + " → " + r.status() + " without detail");
            if (breakSignature && (r.status() / 100 == 2 || f.count("SELECT COUNT(*) FROM inbox_activities") != inboxRows)) {
                failures.add(what + " → accepted despite its broken signature");
            }
        }
        f.tandem.awaitIdle(Duration.ofSeconds(120));

        assertThat(failures).as("mutants answered wrongly").isEmpty();
        assertThat(accepted).as("some mutants pass the door and reach processing").isGreaterThan(100);
        assertThat(f.count("SELECT COUNT(*) FROM jobs WHERE state = 'running'")).as("no job stuck running").isZero();
        List<String> retrying = f.tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT last_error FROM jobs WHERE type = 'activitypub-inbox' AND id > :last AND state NOT IN ('done', 'dead')")
                .bind("last", lastSeedJob).mapTo(String.class).map(InboxFuzzTest::abbreviate).list());
        assertThat(retrying).as("garbage is refused for good, not retried").isEmpty();
        List<String> stored = f.tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT url FROM video_comments ORDER BY id").mapTo(String.class).list()).stream().skip(seeded.comments())
                .map(url -> url + " from " + sent.stream().filter(s -> s.contains(url)).findFirst().orElse("?")).toList();
        assertThat(stored).as("comments stored from mutants").isEmpty();
        assertThat(InboxCounts.of(f).withoutInbox()).as("nothing stored from mutants").isEqualTo(seeded.withoutInbox());

        Response honest = f.fake.post(f.inbox(), f.alice(), seeds.get(1).build().get());
        assertThat(honest.status()).as(honest.text()).isEqualTo(202);
        f.tandem.awaitIdle();
        assertThat(f.lastInboxJob().getKey()).isEqualTo("done");
        assertThat(f.count("SELECT COUNT(*) FROM video_comments")).as("an honest comment still lands").isEqualTo(seeded.comments() + 1);
        assertThat(f.tandem.client().get("/api/v1/videos").status()).isEqualTo(200);
    }

    /** Six ways to break a signature after signing. */
    private static Consumer<FakeRemote.Outgoing> breakSignature(int how) {
        return o -> {
            switch (how) {
                case 0 -> o.headers.remove("Signature");
                case 1 -> o.headers.put("Signature", o.headers.get("Signature").replace("signature=\"", "signature=\"AAAA"));
                case 2 -> o.headers.put("Date", "Mon, 01 Jan 2001 00:00:00 GMT");
                case 3 -> o.headers.put("Digest", HttpSignatures.digest("{}".getBytes(StandardCharsets.UTF_8)));
                case 4 -> o.headers.put("Signature", o.headers.get("Signature").replace(f.alice(), f.fake.actor("mallory")));
                default -> o.headers.put("Signature", o.headers.get("Signature").replace(f.alice(), f.fake.base() + "/users/ghost"));
            }
        };
    }

    private static String detail(Response r) {
        try {
            return r.json().path("detail").asText("");
        } catch (AssertionError notJson) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}

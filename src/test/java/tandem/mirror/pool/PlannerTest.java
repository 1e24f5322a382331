package tandem.mirror.pool;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner on constructed pools: where it spends a pledge, what it keeps, what it drops, and why. */
class PlannerTest {
    private static final long GB = 1_000_000_000L;
    private final Planner planner = new Planner();

    private static OriginLoad origin(String host, long capacityGB, long egressGB) {
        return new OriginLoad(host, capacityGB * GB, egressGB * GB, true);
    }

    private static VideoLoad video(String uuid, String host, long originGB, long sizeGB, int otherMirrors) {
        return new VideoLoad(uuid, "Video " + uuid, host, originGB * GB, sizeGB * GB, otherMirrors);
    }

    private static VideoLoad held(String uuid, String host, long originGB, long sizeGB, int otherMirrors, long oursGB) {
        return new VideoLoad(uuid, "Video " + uuid, host, originGB * GB, sizeGB * GB, otherMirrors, oursGB * GB);
    }

    private List<Placement> plan(long storageGB, long egressGB, List<OriginLoad> origins, List<VideoLoad> videos, Set<String> held) {
        return planner.plan(new PlanInput(storageGB * GB, egressGB * GB, origins, videos, held));
    }

    private static Map<String, Placement> byUuid(List<Placement> placements) {
        return placements.stream().collect(Collectors.toMap(Placement::uuid, Function.identity()));
    }

    @Test
    void an_overloaded_small_origin_wins_over_a_comfortable_big_one() {
        List<Placement> out = plan(1, 100,
                List.of(origin("big.example", 1000, 500), origin("small.example", 10, 18)),
                List.of(video("big-hit", "big.example", 60, 1, 0), video("small-hit", "small.example", 8, 1, 0)),
                Set.of());

        assertThat(out).containsExactly(new Placement("small-hit", "small.example", Action.ADD,
                "mirroring \"Video small-hit\" for small.example: small.example at 180 % of capacity, no other mirror", 8 * GB));
    }

    @Test
    void between_two_overloaded_origins_the_one_further_over_its_capacity_comes_first() {
        // Both are 10 GB/h over capacity; the small one is at 200 %, the big one at 110 %.
        List<Placement> out = plan(1, 100,
                List.of(origin("big.example", 100, 110), origin("small.example", 10, 20)),
                List.of(video("b", "big.example", 10, 1, 0), video("s", "small.example", 10, 1, 0)),
                Set.of());

        assertThat(out).extracting(Placement::uuid).containsExactly("s");
    }

    @Test
    void a_video_that_already_has_mirrors_is_worth_less_to_copy_again() {
        // "crowded" shows more origin bytes, but three mirrors would share them: our copy takes 16/3.
        List<Placement> out = plan(1, 100,
                List.of(origin("a.example", 10, 40)),
                List.of(video("crowded", "a.example", 16, 1, 2), video("alone", "a.example", 9, 1, 0)),
                Set.of());
        assertThat(out).extracting(Placement::uuid).containsExactly("alone");

        Placement onlyCrowded = plan(1, 100, List.of(origin("a.example", 10, 40)),
                List.of(video("crowded", "a.example", 15, 1, 2)), Set.of()).getFirst();
        assertThat(onlyCrowded.savedBytesPerHour()).isEqualTo(5 * GB);
        assertThat(onlyCrowded.reason()).endsWith("a.example at 400 % of capacity, 2 other mirrors");
    }

    @Test
    void the_storage_pledge_is_never_exceeded() {
        List<VideoLoad> videos = new ArrayList<>();
        for (int i = 0; i < 10; i++) videos.add(video("v" + i, "a.example", 5, 3, 0));
        List<Placement> out = plan(10, 1000, List.of(origin("a.example", 10, 60)), videos, Set.of());

        assertThat(out).hasSize(3).allMatch(p -> p.action() == Action.ADD);
    }

    @Test
    void the_egress_pledge_is_never_exceeded_and_a_copy_it_cannot_carry_whole_counts_for_what_it_can() {
        List<Placement> out = plan(100, 12,
                List.of(origin("a.example", 10, 100)),
                List.of(video("v1", "a.example", 8, 1, 0), video("v2", "a.example", 8, 1, 0), video("v3", "a.example", 8, 1, 0)),
                Set.of());

        assertThat(out).extracting(Placement::uuid).containsExactly("v1", "v2");
        assertThat(out).extracting(Placement::savedBytesPerHour).containsExactly(8 * GB, 4 * GB);
    }

    @Test
    void an_origin_is_relieved_only_down_to_its_capacity_target() {
        // 14 GB/h on a 10 GB/h origin: 5 GB/h brings it to 90 %, a second copy would save nothing beyond capacity.
        List<Placement> out = plan(100, 100,
                List.of(origin("a.example", 10, 14)),
                List.of(video("v1", "a.example", 5, 1, 0), video("v2", "a.example", 4, 1, 0), video("v3", "a.example", 3, 1, 0)),
                Set.of());

        assertThat(out).extracting(Placement::uuid).containsExactly("v1");
    }

    @Test
    void a_copy_that_still_helps_is_kept_rather_than_swapped_for_a_slightly_better_one() {
        // Our copy of "old" takes 6 GB/h (the origin shows 0: the players use our copy); "new" would take 7.
        List<Placement> out = plan(1, 100,
                List.of(origin("a.example", 10, 20)),
                List.of(held("old", "a.example", 0, 1, 0, 6), video("new", "a.example", 7, 1, 0)),
                Set.of("old"));

        assertThat(out).containsExactly(new Placement("old", "a.example", Action.KEEP,
                "keeping \"Video old\" for a.example: a.example at 260 % of capacity, no other mirror", 6 * GB));
    }

    @Test
    void a_much_better_candidate_displaces_a_held_copy_which_is_evicted_with_its_reason() {
        List<Placement> out = plan(1, 100,
                List.of(origin("a.example", 10, 40)),
                List.of(held("old", "a.example", 0, 1, 0, 2), video("new", "a.example", 20, 1, 0)),
                Set.of("old"));

        Map<String, Placement> p = byUuid(out);
        assertThat(p.get("new").action()).isEqualTo(Action.ADD);
        assertThat(p.get("old").action()).isEqualTo(Action.EVICT);
        assertThat(p.get("old").reason()).isEqualTo("dropping \"Video old\" of a.example: our storage pledge goes to copies that save more");
    }

    @Test
    void held_copies_are_kept_within_the_band_where_new_ones_would_not_be_made() {
        // Without our copy the origin would be at 80 %: under the 90 % at which we add, over the 75 % at which we drop.
        List<Placement> out = plan(10, 100,
                List.of(origin("a.example", 10, 6)),
                List.of(held("kept", "a.example", 0, 1, 0, 2), video("other", "a.example", 2, 1, 0)),
                Set.of("kept"));

        assertThat(out).extracting(Placement::uuid, Placement::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kept", Action.KEEP));
    }

    @Test
    void a_copy_is_evicted_when_its_origin_no_longer_needs_it() {
        List<Placement> out = plan(10, 100,
                List.of(origin("a.example", 100, 40), origin("b.example", 10, 20)),
                List.of(held("quiet", "a.example", 0, 1, 0, 10), video("busy", "b.example", 8, 1, 0)),
                Set.of("quiet"));

        Map<String, Placement> p = byUuid(out);
        assertThat(p.get("busy").action()).isEqualTo(Action.ADD);
        assertThat(p.get("quiet")).isEqualTo(new Placement("quiet", "a.example", Action.EVICT,
                "dropping \"Video quiet\" of a.example: a.example would be at 50 % of capacity without our copies", 0));
    }

    @Test
    void held_copies_the_pool_no_longer_lists_or_nobody_watches_are_evicted() {
        List<Placement> out = plan(10, 100,
                List.of(origin("a.example", 10, 30)),
                List.of(held("idle", "a.example", 0, 1, 0, 0)),
                Set.of("idle", "gone"));

        assertThat(out).extracting(Placement::uuid, Placement::action, Placement::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("idle", Action.EVICT, "dropping \"Video idle\" of a.example: nobody watches it from our copy or the origin any more"),
                org.assertj.core.groups.Tuple.tuple("gone", Action.EVICT, "dropping gone: no origin of the pool lists it any more"));
    }

    @Test
    void origins_of_unknown_capacity_are_plain_candidates_after_every_overloaded_one() {
        List<Placement> out = plan(4, 100,
                List.of(origin("a.example", 10, 15), new OriginLoad("pt.example", 0, 900 * GB, false), origin("c.example", 100, 10)),
                List.of(video("pt-hit", "pt.example", 50, 1, 0), video("pt-small", "pt.example", 5, 1, 0),
                        video("a-hit", "a.example", 6, 1, 0), video("c-comfortable", "c.example", 9, 1, 0)),
                Set.of());

        assertThat(out).extracting(Placement::uuid).containsExactly("a-hit", "pt-hit", "pt-small");
        assertThat(out.get(1).reason()).isEqualTo("mirroring \"Video pt-hit\" for pt.example: capacity of pt.example unknown, "
                + "50.0 GB per hour to serve, no other mirror; pt.example pledges nothing, helped all the same");
    }

    @Test
    void members_without_a_pledge_receive_help_and_the_reason_says_so() {
        List<Placement> out = plan(1, 100,
                List.of(new OriginLoad("free.example", 10 * GB, 20 * GB, false)),
                List.of(video("v", "free.example", 8, 1, 0)),
                Set.of());

        assertThat(out.getFirst().action()).isEqualTo(Action.ADD);
        assertThat(out.getFirst().reason()).endsWith("free.example pledges nothing, helped all the same");
    }

    @Test
    void a_tie_is_broken_the_same_way_whatever_the_input_order() {
        List<VideoLoad> videos = new ArrayList<>(List.of(video("c", "a.example", 5, 1, 0), video("a", "b.example", 5, 1, 0),
                video("b", "a.example", 5, 1, 0)));
        List<OriginLoad> origins = new ArrayList<>(List.of(origin("a.example", 10, 20), origin("b.example", 10, 20)));
        List<Placement> first = plan(2, 100, origins, videos, Set.of());
        assertThat(first).extracting(Placement::uuid).containsExactly("a", "b");
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(videos, random);
            Collections.shuffle(origins, random);
            assertThat(plan(2, 100, origins, videos, Set.of())).isEqualTo(first);
        }
    }

    @Test
    void many_origins_stay_within_budget_and_help_only_those_that_need_it() {
        Random random = new Random(42);
        List<OriginLoad> origins = new ArrayList<>();
        List<VideoLoad> videos = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (int o = 0; o < 200; o++) {
            String host = "o" + o + ".example";
            long capacity = (1 + random.nextInt(100)) * GB;
            long egress = 0;
            for (int v = 0; v < 100; v++) {
                long bytes = (long) (random.nextDouble() * random.nextDouble() * 4 * GB);
                egress += bytes;
                String uuid = host + "-" + v;
                if (random.nextInt(50) == 0) held.add(uuid);
                videos.add(new VideoLoad(uuid, null, host, bytes, (1 + random.nextInt(4)) * GB, random.nextInt(3)));
            }
            origins.add(new OriginLoad(host, o % 10 == 0 ? 0 : capacity, egress, o % 3 != 0));
        }
        PlanInput in = new PlanInput(500 * GB, 200 * GB, origins, videos, held);
        Map<String, OriginLoad> byHost = origins.stream().collect(Collectors.toMap(OriginLoad::host, Function.identity()));
        Map<String, VideoLoad> video = videos.stream().collect(Collectors.toMap(VideoLoad::uuid, Function.identity()));

        List<Placement> out = planner.plan(in);

        assertThat(out).extracting(Placement::uuid).doesNotHaveDuplicates();
        assertThat(out.stream().filter(p -> p.action() == Action.KEEP || p.action() == Action.EVICT).map(Placement::uuid))
                .containsExactlyInAnyOrderElementsOf(held);
        List<Placement> chosen = out.stream().filter(p -> p.action() != Action.EVICT).toList();
        assertThat(chosen).isNotEmpty();
        assertThat(chosen.stream().mapToLong(p -> video.get(p.uuid()).sizeBytes()).sum()).isLessThanOrEqualTo(500 * GB);
        assertThat(chosen.stream().mapToLong(Placement::savedBytesPerHour).sum()).isLessThanOrEqualTo(200 * GB + chosen.size());
        Map<String, Double> withoutUs = new java.util.HashMap<>();
        for (OriginLoad o : origins) withoutUs.put(o.host(), (double) o.egressBytesPerHour());
        for (String uuid : held) withoutUs.merge(video.get(uuid).originHost(),
                video.get(uuid).originBytesPerHour() / (video.get(uuid).otherMirrors() + 1.0), Double::sum);
        for (Placement p : chosen) {
            OriginLoad o = byHost.get(p.originHost());
            assertThat(o.capacityBytesPerHour() == 0 || withoutUs.get(o.host()) > o.capacityBytesPerHour() * Planner.KEEP_TARGET)
                    .as("%s helps %s, which is comfortable", p.uuid(), o.host()).isTrue();
        }
        assertThat(planner.plan(in)).isEqualTo(out);
    }
}

package tandem.mirror.pool;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner given the pool's other members: every member computes the same pool-wide plan and carries out its part. */
class PoolPlanTest {
    private static final long GB = 1_000_000_000L;
    private final Planner planner = new Planner();

    private static VideoLoad video(String uuid, String host, long originGB, long demandGB, List<String> mirrors) {
        return new VideoLoad(uuid, "Video " + uuid, host, originGB * GB, GB, 0, 0, demandGB * GB, mirrors);
    }

    private static PoolMember member(String host, long storageGB, long egressGB) {
        return new PoolMember(host, storageGB * GB, egressGB * GB);
    }

    /** What each member carries out when it plans as {@code self} from the same pool figures. */
    private Map<String, List<Placement>> everyone(List<PoolMember> members, List<OriginLoad> origins, List<VideoLoad> videos) {
        Map<String, List<Placement>> out = new TreeMap<>();
        for (PoolMember self : members) {
            Set<String> held = new java.util.HashSet<>();
            for (VideoLoad v : videos) if (v.mirrorHosts().contains(self.host())) held.add(v.uuid());
            out.put(self.host(), planner.plan(new PlanInput(self.host(), self.storageBytes(), self.egressBytesPerHour(),
                    members, origins, videos, held)));
        }
        return out;
    }

    private static List<String> added(List<Placement> placements) {
        return placements.stream().filter(p -> p.action() != Action.EVICT).map(Placement::uuid).toList();
    }

    @Test
    void two_members_split_an_overloaded_origins_videos_and_do_not_both_copy_one_that_one_copy_carries() {
        List<PoolMember> members = List.of(member("b.example", 10, 20), member("c.example", 10, 20));
        List<OriginLoad> origins = List.of(new OriginLoad("a.example", 10 * GB, 30 * GB, true));
        List<VideoLoad> videos = List.of(video("x", "a.example", 15, 15, List.of()), video("y", "a.example", 15, 15, List.of()));

        Map<String, List<Placement>> plans = everyone(members, origins, videos);

        List<String> b = added(plans.get("b.example")), c = added(plans.get("c.example"));
        assertThat(b).hasSize(1);
        assertThat(c).hasSize(1);
        assertThat(b).doesNotContainAnyElementsOf(c);
        assertThat(plans.get("b.example").getFirst().reason()).startsWith("mirroring \"Video ").contains("a.example at 300 % of capacity");
    }

    @Test
    void a_video_too_big_for_one_members_egress_gets_a_second_copy_that_carries_the_rest() {
        List<PoolMember> members = List.of(member("b.example", 10, 10), member("c.example", 10, 10));
        List<OriginLoad> origins = List.of(new OriginLoad("a.example", 10 * GB, 30 * GB, true));

        Map<String, List<Placement>> plans = everyone(members, origins, List.of(video("hit", "a.example", 30, 30, List.of())));

        assertThat(added(plans.get("b.example"))).containsExactly("hit");
        assertThat(added(plans.get("c.example"))).containsExactly("hit");
        assertThat(plans.get("b.example").getFirst().savedBytesPerHour() + plans.get("c.example").getFirst().savedBytesPerHour())
                .isEqualTo(20 * GB);
    }

    @Test
    void a_member_without_storage_gets_nothing() {
        List<PoolMember> members = List.of(member("b.example", 0, 20), member("c.example", 10, 20));
        List<OriginLoad> origins = List.of(new OriginLoad("a.example", 10 * GB, 30 * GB, true));
        List<VideoLoad> videos = List.of(video("x", "a.example", 15, 15, List.of()), video("y", "a.example", 15, 15, List.of()));

        Map<String, List<Placement>> plans = everyone(members, origins, videos);

        assertThat(plans.get("b.example")).isEmpty();
        assertThat(added(plans.get("c.example"))).hasSize(2);
    }

    @Test
    void copies_held_that_the_pool_still_needs_are_kept_and_nobody_drops_together() {
        // Both hold "x"; the origin shows none of its bytes (players prefer mirrors), its demand shows them.
        List<PoolMember> members = List.of(member("b.example", 10, 10), member("c.example", 10, 10));
        List<OriginLoad> origins = List.of(new OriginLoad("a.example", 10 * GB, 9 * GB, true));
        List<VideoLoad> videos = List.of(video("x", "a.example", 0, 18, List.of("b.example", "c.example")),
                video("y", "a.example", 9, 9, List.of()));

        Map<String, List<Placement>> plans = everyone(members, origins, videos);

        for (List<Placement> p : plans.values()) {
            assertThat(p).filteredOn(x -> x.uuid().equals("x")).extracting(Placement::action).containsExactly(Action.KEEP);
        }
    }

    @Test
    void copies_the_pool_does_not_need_even_at_a_higher_load_are_dropped_and_one_is_kept() {
        // Three copies of "x", which one member's pledge (20 GB/h) carries even at SPARE_MARGIN (2.5) times its load.
        List<PoolMember> members = List.of(member("b.example", 10, 20), member("c.example", 10, 20), member("d.example", 10, 20));
        List<OriginLoad> origins = List.of(new OriginLoad("a.example", 5 * GB, 0, true));
        List<VideoLoad> videos = List.of(video("x", "a.example", 0, 8, List.of("b.example", "c.example", "d.example")));

        Map<String, List<Placement>> plans = everyone(members, origins, videos);

        long kept = plans.values().stream().flatMap(List::stream).filter(p -> p.action() == Action.KEEP).count();
        long dropped = plans.values().stream().flatMap(List::stream).filter(p -> p.action() == Action.EVICT).count();
        assertThat(kept).isEqualTo(1);
        assertThat(dropped).isEqualTo(2);
        assertThat(plans.get("c.example").getFirst().reason())
                .isEqualTo("dropping \"Video x\" of a.example: other members of the pool carry it in the pool's plan");
    }

    @Test
    void the_same_pool_in_any_order_gives_the_same_assignment() {
        Random random = new Random(3);
        List<PoolMember> members = new ArrayList<>();
        List<OriginLoad> origins = new ArrayList<>();
        List<VideoLoad> videos = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            String host = "m" + m + ".example";
            members.add(member(host, 5 + random.nextInt(10), 5 + random.nextInt(20)));
            origins.add(new OriginLoad(host, (5 + random.nextInt(20)) * GB, (10 + random.nextInt(30)) * GB, true));
            for (int v = 0; v < 30; v++) {
                long bytes = random.nextInt(6);
                videos.add(video(host + "-" + v, host, bytes, bytes, random.nextInt(5) == 0 ? List.of("m" + random.nextInt(6) + ".example") : List.of()));
            }
        }
        Map<String, List<Placement>> first = everyone(members, origins, videos);
        assertThat(first.values().stream().mapToLong(p -> added(p).size()).sum()).isPositive();
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(members, random);
            Collections.shuffle(origins, random);
            Collections.shuffle(videos, random);
            assertThat(everyone(members, origins, videos)).isEqualTo(first);
        }
        // Nobody copies a video twice, and nobody copies its own.
        for (Map.Entry<String, List<Placement>> e : first.entrySet()) {
            assertThat(e.getValue()).extracting(Placement::uuid).doesNotHaveDuplicates();
            assertThat(e.getValue()).noneMatch(p -> p.originHost().equals(e.getKey()));
        }
    }
}

package tandem.mirror.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Decides which of the pool's videos this member mirrors, so its pledge (storage, egress per hour)
 * removes as much origin egress <em>beyond capacity</em> as it can, an overloaded small origin first.
 * Pure and deterministic: the same input gives the same placements, in the same order.
 *
 * <p>Given the pool's other members ({@link PlanInput#members()}), it plans the whole pool the way every
 * member does from the same figures and returns our part ({@link PoolAssignment}). Without them, it judges
 * each origin alone, as below.
 *
 * <p>Traffic model: players prefer mirrors (Tandem's {@code prefer-mirrors}) and split evenly among
 * them, so the origin serves only what its mirrors do not take. What one copy takes off the origin is
 * its even share of the video's visible load: {@code (originBytes + ourBytes) / (otherMirrors + 1)}.
 * The first mirror of a video takes it all, a fifth one a fifth of what is left (diminishing returns,
 * and cautious when several members join the same video from the same stale figures).
 *
 * <p>An origin's load without our copies is its egress plus what our copies take. The bytes our
 * copies take count only while that load stays above a target share of its capacity: new copies
 * down to {@value #ADD_TARGET} of capacity, copies we hold down to {@value #KEEP_TARGET} (a band, so a
 * copy is not dropped and re-made as the load wavers). Held copies also rank {@value #KEEP_BONUS}
 * times higher than new ones. Among overloaded origins, bytes beyond capacity weigh by the origin's
 * load over its capacity, per share of our pledge they use (storage or egress, whichever is scarcer).
 * Origins of unknown capacity come after every overloaded one, ranked by the raw load taken off them.
 * Origins under their target get nothing: a copy there helps no one, so a held one is evicted.
 */
public final class Planner {
    static final double ADD_TARGET = 0.9;
    static final double KEEP_TARGET = 0.75;
    static final double KEEP_BONUS = 1.5;

    /** One Placement per held or added video: additions and keeps in priority order, then evictions by uuid. */
    public List<Placement> plan(PlanInput in) {
        if (in.coordinated()) return PoolAssignment.plan(in);
        Map<String, Origin> origins = new HashMap<>();
        for (OriginLoad o : in.origins()) origins.putIfAbsent(o.host(), new Origin(o));
        Map<String, Candidate> candidates = new TreeMap<>();
        for (VideoLoad v : in.videos()) {
            if (candidates.containsKey(v.uuid())) continue;
            Origin o = origins.computeIfAbsent(v.originHost(), h -> new Origin(new OriginLoad(h, 0, 0, false)));
            Candidate c = new Candidate(v, o, in.heldUuids().contains(v.uuid()));
            candidates.put(v.uuid(), c);
            if (c.held) o.withoutUs += c.take;
        }
        Budget budget = new Budget(in.storageBytes(), in.egressBytesPerHour());
        Comparator<Candidate> order = Comparator.comparingInt((Candidate c) -> c.origin.tier())
                .thenComparing(Comparator.comparingDouble((Candidate c) -> c.score).reversed())
                .thenComparing(c -> c.video.uuid());
        PriorityQueue<Candidate> queue = new PriorityQueue<>(order);
        for (Candidate c : candidates.values()) {
            if (c.evaluate(budget)) queue.add(c);
        }
        List<Placement> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            double stale = c.score;
            if (!c.evaluate(budget)) continue;
            Candidate next = queue.peek();
            // Scores only fall as budgets and origins' excess shrink: a fresh score still at the top wins.
            if (c.score < stale && next != null && order.compare(next, c) < 0) {
                queue.add(c);
                continue;
            }
            if (c.video.sizeBytes() > budget.storageLeft) {
                c.why = Why.NO_STORAGE;
                continue;
            }
            budget.storageLeft -= Math.max(0, c.video.sizeBytes());
            budget.egressLeft -= Math.min(c.cost, budget.egressLeft);
            c.origin.removed += c.effective;
            out.add(new Placement(c.video.uuid(), c.video.originHost(), c.held ? Action.KEEP : Action.ADD,
                    Reasons.help(c.video, c.origin, c.held), Math.round(c.effective)));
        }
        for (Candidate c : candidates.values()) {
            if (c.held && c.why != Why.CHOSEN) {
                out.add(new Placement(c.video.uuid(), c.video.originHost(), Action.EVICT,
                        Reasons.drop(c.video, c.origin, c.why), 0));
            }
        }
        for (String uuid : in.heldUuids().stream().sorted().toList()) {
            if (!candidates.containsKey(uuid)) {
                out.add(new Placement(uuid, "", Action.EVICT, "dropping " + uuid + ": no origin of the pool lists it any more", 0));
            }
        }
        return out;
    }

    /** Why a candidate was (not) chosen, for the eviction's reason. */
    enum Why { CHOSEN, NO_VIEWERS, ORIGIN_COMFORTABLE, ORIGIN_RELIEVED, NO_STORAGE, NO_EGRESS, POOL_COVERS }

    /** What is left of our pledge. */
    private static final class Budget {
        final double storage;
        final double egress;
        long storageLeft;
        double egressLeft;

        Budget(long storage, long egress) {
            this.storage = Math.max(0, storage);
            this.egress = Math.max(0, egress);
            this.storageLeft = Math.max(0, storage);
            this.egressLeft = this.egress;
        }
    }

    /** An origin and what our plan has taken off it so far. */
    static final class Origin {
        final OriginLoad load;
        /** Its egress were we to drop every copy we hold of its videos. */
        double withoutUs;
        /** The same with every video's load {@link PoolAssignment#SPARE_MARGIN} times higher (the pool plan's keep band). */
        double withoutUsAtMargin;
        /** The bytes per hour the copies chosen so far take off it. */
        double removed;

        Origin(OriginLoad load) {
            this.load = load;
            this.withoutUs = Math.max(0, load.egressBytesPerHour());
            this.withoutUsAtMargin = this.withoutUs;
        }

        boolean capacityKnown() { return load.capacityBytesPerHour() > 0; }

        /** 0: capacity known (competes by bytes beyond capacity); 1: unknown (raw load, after all the others). */
        int tier() { return capacityKnown() ? 0 : 1; }

        /** Its load without our copies over its capacity (1.8 = 180 %). */
        double pressure() { return withoutUs / load.capacityBytesPerHour(); }

        /** Bytes per hour above {@code target} of its capacity still left after the copies chosen so far. */
        double room(double target) { return withoutUs - removed - target * load.capacityBytesPerHour(); }
    }

    /** A video we could hold, with its score against what is left. */
    private static final class Candidate {
        final VideoLoad video;
        final Origin origin;
        final boolean held;
        /** Origin bytes per hour our copy takes (our even share among the mirrors). */
        final double take;
        /** Our egress per hour for it: what we serve now plus our share of what the origin still serves. */
        final double cost;
        double effective;
        double score;
        Why why = Why.CHOSEN;

        Candidate(VideoLoad v, Origin origin, boolean held) {
            this.video = v;
            this.origin = origin;
            this.held = held;
            double mirrors = Math.max(0, v.otherMirrors()) + 1.0;
            double originBytes = Math.max(0, v.originBytesPerHour());
            double ours = held ? Math.max(0, v.ourBytesPerHour()) : 0;
            // What we serve ourselves falls back on the origin were we to drop the copy: mirrors in a pool of
            // small hosts run on their egress pledges, so the others have no room to take it over.
            this.take = ours + originBytes / mirrors;
            this.cost = ours + originBytes / mirrors;
        }

        /** Recomputes the score; false (with the reason in {@link #why}) when the copy would save nothing. */
        boolean evaluate(Budget budget) {
            if (take <= 0) return fail(Why.NO_VIEWERS);
            if (budget.egressLeft <= 0) return fail(Why.NO_EGRESS);
            double served = Math.min(cost, budget.egressLeft);
            effective = cost > 0 ? take * served / cost : take;
            double value = effective;
            if (origin.capacityKnown()) {
                double room = origin.room(held ? KEEP_TARGET : ADD_TARGET);
                if (room <= 0) {
                    double target = held ? KEEP_TARGET : ADD_TARGET;
                    return fail(origin.withoutUs <= target * origin.load.capacityBytesPerHour() ? Why.ORIGIN_COMFORTABLE : Why.ORIGIN_RELIEVED);
                }
                value = Math.min(effective, room) * origin.pressure();
            }
            double share = Math.max(budget.storage > 0 ? video.sizeBytes() / budget.storage : Double.POSITIVE_INFINITY,
                    served / budget.egress);
            score = value * (held ? KEEP_BONUS : 1) / Math.max(share, 1e-12);
            why = Why.CHOSEN;
            return true;
        }

        private boolean fail(Why reason) {
            why = reason;
            return false;
        }
    }

    /** The plain-English reasons the admin page shows. */
    static final class Reasons {
        private Reasons() {}

        static String help(VideoLoad v, Origin o, boolean held) {
            String verb = held ? "keeping " : "mirroring ";
            String who = verb + name(v) + " for " + o.load.host() + ": ";
            String state = o.capacityKnown()
                    ? o.load.host() + " at " + percent(o.pressure()) + " of capacity"
                    : "capacity of " + o.load.host() + " unknown, " + bytes(v.originBytesPerHour() + (held ? v.ourBytesPerHour() : 0)) + " per hour to serve";
            String pledge = o.load.pledges() ? "" : "; " + o.load.host() + " pledges nothing, helped all the same";
            return who + state + ", " + mirrors(v.otherMirrors()) + pledge;
        }

        static String drop(VideoLoad v, Origin o, Why why) {
            String head = "dropping " + name(v) + " of " + o.load.host() + ": ";
            return head + switch (why) {
                case NO_VIEWERS -> "nobody watches it from our copy or the origin any more";
                case ORIGIN_COMFORTABLE -> o.load.host() + " would be at " + percent(o.pressure()) + " of capacity without our copies";
                case ORIGIN_RELIEVED -> "the copies that save more already bring " + o.load.host() + " under capacity";
                case NO_STORAGE -> "our storage pledge goes to copies that save more";
                case NO_EGRESS -> "our egress pledge goes to copies that save more";
                case POOL_COVERS -> "other members of the pool carry it in the pool's plan";
                case CHOSEN -> "not chosen";
            };
        }

        private static String name(VideoLoad v) {
            return v.name() == null || v.name().isBlank() ? v.uuid() : "\"" + v.name() + "\"";
        }

        private static String mirrors(int n) {
            return n <= 0 ? "no other mirror" : n == 1 ? "1 other mirror" : n + " other mirrors";
        }

        static String percent(double ratio) {
            return Math.round(ratio * 100) + " %";
        }

        static String bytes(long b) {
            long[] scales = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
            String[] units = {"TB", "GB", "MB", "kB"};
            for (int i = 0; i < scales.length; i++) {
                if (b >= scales[i]) return String.format(Locale.ROOT, "%.1f %s", (double) b / scales[i], units[i]);
            }
            return b + " B";
        }
    }
}

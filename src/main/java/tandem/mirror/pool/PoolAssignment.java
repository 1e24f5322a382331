package tandem.mirror.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pool-wide plan every member computes alike from the same published figures (pledges, origins'
 * reports); each member then carries out its own part. Nobody copies what another member covers, and
 * nobody drops a copy because the others' copies (counted in the same figures) make it look useless.
 *
 * <p>Greedy over (video, member) pairs, on each video's demand (origin and mirrors together): an origin's
 * load without the pool's copies is its egress plus what members' copies carry. Players split a video
 * evenly among its copies, so a copy sets aside its even share of the demand from its member's egress
 * pledge (the copies already planned give back what they no longer need) and carries what the origin
 * then stops serving: a second copy of a video only carries what the first could not (diminishing
 * returns), and nothing once the copies planned suffice. Its worth is the bytes it removes beyond
 * the origin's target share of capacity ({@value Planner#ADD_TARGET} for new copies, {@value Planner#KEEP_TARGET}
 * for copies held now), weighed by the origin's pressure, per share of the pool's pledges it uses; held
 * copies rank {@value #KEEP_BONUS} times higher. A new copy goes to the member with the most
 * egress left (then storage, then host name). Origins of unknown capacity come after, by raw load.
 * Last, held copies that save nothing now but would at {@value #SPARE_MARGIN} times the load stay while
 * the budgets have room (spares): a copy is not dropped and made again as the load wavers.
 *
 * <p>Mirrors outside the plan (PeerTube, members without a pledge) keep their even share of a video's
 * players; what they do not serve of it (the origin's bytes, when members keep to their pledges) is
 * theirs to leak, and each member copy added shrinks their share and so the leak.
 */
final class PoolAssignment {
    /** Held copies rank this much higher than new ones: a copy is made once and carried, not swapped as figures waver. */
    static final double KEEP_BONUS = 10;

    /** How much higher a load a held copy that saves nothing now is kept for (see {@code spare}). */
    static final double SPARE_MARGIN = 2.5;

    /** Spare copies come after every copy that saves something, unknown-capacity origins included. */
    static final int SPARE_TIER = 2;

    private PoolAssignment() {}

    static List<Placement> plan(PlanInput in) {
        Map<String, Member> members = new TreeMap<>();
        for (PoolMember m : in.members()) {
            if (!m.host().equals(in.self())) members.putIfAbsent(m.host(), new Member(m.host(), m.storageBytes(), m.egressBytesPerHour()));
        }
        Member self = new Member(in.self(), in.storageBytes(), in.egressBytesPerHour());
        members.put(in.self(), self);
        List<Member> memberList = List.copyOf(members.values());
        double poolStorage = Math.max(1, memberList.stream().mapToDouble(m -> m.storage).sum());
        double poolEgress = Math.max(1, memberList.stream().mapToDouble(m -> m.egress).sum());

        Map<String, Planner.Origin> origins = new HashMap<>();
        for (OriginLoad o : in.origins()) origins.putIfAbsent(o.host(), new Planner.Origin(o));
        Map<String, Copy> videos = new TreeMap<>();
        for (VideoLoad v : in.videos()) {
            if (videos.containsKey(v.uuid())) continue;
            Planner.Origin o = origins.computeIfAbsent(v.originHost(), h -> new Planner.Origin(new OriginLoad(h, 0, 0, false)));
            Set<String> holders = new HashSet<>(v.mirrorHosts());
            if (in.heldUuids().contains(v.uuid())) holders.add(in.self());
            else holders.remove(in.self());
            holders.remove(v.originHost());
            Copy c = new Copy(v, o, holders, members);
            videos.put(v.uuid(), c);
            o.withoutUs += c.memberCarried;
        }

        Comparator<Pair> order = Comparator.comparingInt((Pair p) -> p.spare ? SPARE_TIER : p.copy.origin.tier())
                .thenComparing(Comparator.comparingDouble((Pair p) -> p.score).reversed())
                .thenComparing(p -> p.copy.video.uuid())
                .thenComparing(p -> p.held == null ? "" : p.held.host);
        PriorityQueue<Pair> queue = new PriorityQueue<>(order);
        for (Copy c : videos.values()) {
            for (String h : c.holders.stream().sorted().toList()) {
                Member m = members.get(h);
                if (m != null) offer(queue, new Pair(c, m), memberList, poolStorage, poolEgress);
            }
            offer(queue, new Pair(c, null), memberList, poolStorage, poolEgress);
        }
        while (!queue.isEmpty()) {
            Pair p = queue.poll();
            double stale = p.score;
            if (!p.evaluate(memberList, poolStorage, poolEgress)) continue;
            Pair next = queue.peek();
            if (p.score < stale && next != null && order.compare(next, p) < 0) {
                queue.add(p);
                continue;
            }
            Member m = p.member;
            Copy c = p.copy;
            if (m.storageLeft < c.video.sizeBytes()) continue;
            m.storageLeft -= Math.max(0, c.video.sizeBytes());
            m.egressLeft -= p.egress;
            c.residual -= p.carried;
            c.origin.removed += p.carried;
            c.assigned.put(m.host, p.egress);
            c.saved.put(m.host, p.carried);
            // The copies already assigned now share the video with one more: what they set aside beyond
            // their new share goes back to their egress pledge.
            double share = c.demand / (c.external + c.assigned.size());
            for (Map.Entry<String, Double> e : c.assigned.entrySet()) {
                if (e.getValue() > share) {
                    members.get(e.getKey()).egressLeft += e.getValue() - share;
                    e.setValue(share);
                }
            }
            if (p.held == null) offer(queue, new Pair(c, null), memberList, poolStorage, poolEgress);
        }

        List<Placement> out = new ArrayList<>();
        List<Copy> ours = new ArrayList<>(videos.values().stream().filter(c -> c.assigned.containsKey(in.self())).toList());
        ours.sort(Comparator.comparingDouble((Copy c) -> -c.saved.get(in.self())).thenComparing(c -> c.video.uuid()));
        for (Copy c : ours) {
            boolean held = c.holders.contains(in.self());
            out.add(new Placement(c.video.uuid(), c.video.originHost(), held ? Action.KEEP : Action.ADD,
                    Planner.Reasons.help(c.shown(in.self()), c.origin, held), Math.round(c.saved.get(in.self()))));
        }
        for (Copy c : videos.values()) {
            if (c.holders.contains(in.self()) && !c.assigned.containsKey(in.self())) {
                out.add(new Placement(c.video.uuid(), c.video.originHost(), Action.EVICT,
                        Planner.Reasons.drop(c.video, c.origin, c.whyNot(self)), 0));
            }
        }
        for (String uuid : in.heldUuids().stream().sorted().toList()) {
            if (!videos.containsKey(uuid)) {
                out.add(new Placement(uuid, "", Action.EVICT, "dropping " + uuid + ": no origin of the pool lists it any more", 0));
            }
        }
        return out;
    }

    private static void offer(PriorityQueue<Pair> queue, Pair p, List<Member> members, double poolStorage, double poolEgress) {
        if (p.evaluate(members, poolStorage, poolEgress)) queue.add(p);
    }

    /** A member's pledge and what is left of it. */
    private static final class Member {
        final String host;
        final double storage, egress;
        double storageLeft, egressLeft;

        Member(String host, long storage, long egress) {
            this.host = host;
            this.storage = Math.max(0, storage);
            this.egress = Math.max(0, egress);
            this.storageLeft = this.storage;
            this.egressLeft = this.egress;
        }
    }

    /** A video, who holds it, and what of its load is still on its origin in the plan so far. */
    private static final class Copy {
        final VideoLoad video;
        final Planner.Origin origin;
        final Set<String> holders;
        /** What falls back on the origin were every member to drop its copy, beyond what the origin serves now. */
        final double memberCarried;
        /** What the origin would still serve of it given the copies assigned so far. */
        double residual;
        final double demand;
        /** Mirrors outside the pool's plan (PeerTube, no pledge), and what each of them serves of its even share. */
        final int external;
        final double externalServes;
        /** Our copies in the plan so far: member host and the egress per hour it sets aside for the video. */
        final Map<String, Double> assigned = new TreeMap<>();
        /** What each assigned copy took off the origin when it was added. */
        final Map<String, Double> saved = new TreeMap<>();
        private final Map<String, Member> members;

        Copy(VideoLoad v, Planner.Origin origin, Set<String> holders, Map<String, Member> members) {
            this.members = members;
            this.video = v;
            this.origin = origin;
            this.holders = holders;
            double originBytes = Math.max(0, v.originBytesPerHour());
            double demand = v.demandBytesPerHour() > 0 ? v.demandBytesPerHour()
                    : originBytes + Math.max(0, v.ourBytesPerHour()) * holders.size();
            this.demand = Math.max(demand, originBytes);
            this.external = (int) holders.stream().filter(h -> !members.containsKey(h)).count();
            // Players split evenly among mirrors; what an outside mirror does not serve of its share (it is full)
            // falls back on the origin. Members' copies keep to their egress pledges, so the origin's bytes are theirs.
            this.externalServes = external == 0 ? 0
                    : Math.max(0, this.demand / holders.size() - originBytes / external);
            this.residual = originServes(assigned, null, 0);
            this.origin.withoutUsAtMargin += originServes(demand * SPARE_MARGIN, assigned, null, 0) - originBytes;
            this.memberCarried = Math.max(0, residual - originBytes);
        }

        /** What the origin serves with the outside mirrors, the assigned copies and one more (when {@code extra} is set). */
        double originServes(Map<String, Double> copies, String extra, double extraEgress) {
            return originServes(demand, copies, extra, extraEgress);
        }

        double originServes(double demand, Map<String, Double> copies, String extra, double extraEgress) {
            int k = external + copies.size() + (extra == null ? 0 : 1);
            if (k == 0) return demand;
            double share = demand / k;
            double left = external * Math.max(0, share - externalServes);
            for (double e : copies.values()) left += Math.max(0, share - e);
            if (extra != null) left += Math.max(0, share - extraEgress);
            return left;
        }

        /** The video as our reason shows it: the other copies of the pool's plan, or the mirrors it has. */
        VideoLoad shown(String self) {
            int others = (int) holders.stream().filter(h -> !assigned.containsKey(h)).count() + assigned.size() - 1;
            return new VideoLoad(video.uuid(), video.name(), video.originHost(), video.originBytesPerHour(),
                    video.sizeBytes(), Math.max(0, others), video.ourBytesPerHour());
        }

        Planner.Why whyNot(Member self) {
            if (residual + memberCarried <= 0 && video.originBytesPerHour() <= 0) return Planner.Why.NO_VIEWERS;
            if (origin.capacityKnown() && origin.withoutUs <= Planner.KEEP_TARGET * origin.load.capacityBytesPerHour()) {
                return Planner.Why.ORIGIN_COMFORTABLE;
            }
            if (self.storageLeft < video.sizeBytes()) return Planner.Why.NO_STORAGE;
            if (self.egressLeft <= 0) return Planner.Why.NO_EGRESS;
            if (!assigned.isEmpty()) return Planner.Why.POOL_COVERS;
            return Planner.Why.ORIGIN_RELIEVED;
        }
    }

    /** A copy of a video at a member: a held one (member fixed) or a new one (member chosen when scored). */
    private static final class Pair {
        final Copy copy;
        final Member held;
        Member member;
        double carried, egress, score;
        /** A held copy kept only while the budgets have room, after every copy that saves something. */
        boolean spare;

        Pair(Copy copy, Member held) {
            this.copy = copy;
            this.held = held;
        }

        boolean evaluate(List<Member> members, double poolStorage, double poolEgress) {
            if (copy.residual <= 0 && held == null) return false;
            member = held != null ? held : best(members);
            if (member == null || copy.assigned.containsKey(member.host)) return false;
            if (member.storageLeft < copy.video.sizeBytes() || member.egressLeft <= 0) return false;
            int k = copy.external + copy.assigned.size() + 1;
            egress = Math.min(copy.demand / k, member.egressLeft);
            carried = copy.residual - copy.originServes(copy.assigned, member.host, egress);
            Planner.Origin o = copy.origin;
            double room = o.capacityKnown() ? o.room(held != null ? Planner.KEEP_TARGET : Planner.ADD_TARGET) : carried;
            double share = Math.max(Math.max(copy.video.sizeBytes() / poolStorage, egress / poolEgress), 1e-12);
            if (carried <= 0 || room <= 0) {
                if (held == null) return false;
                // A held copy that saves nothing at today's figures is kept, after every copy that does, while it
                // would help were the load a little higher: copies are not dropped and made again as figures waver.
                double spare = spare();
                if (spare <= 0) return false;
                carried = 0;
                this.spare = true;
                score = spare * KEEP_BONUS / share;
                return true;
            }
            this.spare = false;
            double value = o.capacityKnown() ? Math.min(carried, room) * o.pressure() : carried;
            score = value * (held != null ? KEEP_BONUS : 1) / share;
            return true;
        }

        /**
         * What the video would lack without our held copy were its load (and its origin's) {@link #SPARE_MARGIN}
         * times higher: beyond what the outside mirrors serve and the copies planned could serve with all their
         * members' egress left.
         */
        private double spare() {
            Planner.Origin o = copy.origin;
            if (o.capacityKnown() && o.withoutUsAtMargin <= Planner.KEEP_TARGET * o.load.capacityBytesPerHour()) return 0;
            double others = copy.external * copy.externalServes;
            for (Map.Entry<String, Double> e : copy.assigned.entrySet()) others += e.getValue() + copy.members.get(e.getKey()).egressLeft;
            return Math.min(copy.demand * SPARE_MARGIN - others, member.egressLeft);
        }

        /** The member that takes a new copy: most egress left, then most storage left, then host name. */
        private Member best(List<Member> members) {
            Member best = null;
            for (Member m : members) {
                if (m.host.equals(copy.video.originHost()) || copy.holders.contains(m.host) || copy.assigned.containsKey(m.host)) continue;
                if (m.storageLeft < copy.video.sizeBytes() || m.egressLeft <= 0) continue;
                if (best == null || m.egressLeft > best.egressLeft
                        || (m.egressLeft == best.egressLeft && m.storageLeft > best.storageLeft)) best = m;
            }
            return best;
        }
    }
}

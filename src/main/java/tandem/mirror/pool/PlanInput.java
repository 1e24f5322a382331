package tandem.mirror.pool;

import java.util.List;
import java.util.Set;

/**
 * Everything one member's planner needs: its pledge to others, the pool's origins and their videos,
 * and the copies it holds now.
 *
 * <p>With {@code members} given, the planner plans for the whole pool (every member runs the same
 * deterministic assignment from the same published figures) and returns only our part of it; then
 * {@code videos} and {@code origins} should list the whole pool, our own origin and videos included
 * (a copy is never assigned to a video's own origin), each video with its {@code mirrorHosts}.
 * Without members, today's single-member plan: we judge each origin alone.
 *
 * @param self               our host ({@code publicHost()}), as it appears in mirrorHosts
 * @param storageBytes       storage we pledge for others' videos
 * @param egressBytesPerHour egress we pledge for others per hour (the monthly pledge spread over the month)
 * @param members            the pool's other members with a pledge (we are added from the two figures above)
 */
public record PlanInput(String self, long storageBytes, long egressBytesPerHour, List<PoolMember> members,
                        List<OriginLoad> origins, List<VideoLoad> videos, Set<String> heldUuids) {
    public PlanInput {
        self = self == null ? "" : self;
        members = List.copyOf(members);
        origins = List.copyOf(origins);
        videos = List.copyOf(videos);
        heldUuids = Set.copyOf(heldUuids);
    }

    /** A single-member plan (nobody else's pledge known): we judge each origin alone. */
    public PlanInput(long storageBytes, long egressBytesPerHour, List<OriginLoad> origins, List<VideoLoad> videos,
                     Set<String> heldUuids) {
        this("", storageBytes, egressBytesPerHour, List.of(), origins, videos, heldUuids);
    }

    boolean coordinated() {
        return !members.isEmpty();
    }
}

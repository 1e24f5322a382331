package tandem.mirror;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * SQL of the strategies' candidates: public, published remote videos with an HLS playlist and
 * hashes, of an instance whose videos the admin lets us mirror, not mirrored yet; ranked by the
 * strategy's rule. Trending ranks by views, as the video lists' `trending` sort does.
 */
public final class MirrorCandidates {
    /** PeerTube's RANDOMIZED_FACTOR: one of the top five is picked, so instances with the same strategy spread out. */
    static final int TOP = 5;

    private final Jdbi jdbi;

    public MirrorCandidates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A candidate and the size its origin announced for its HLS files (0 when unknown). */
    public record Candidate(long videoId, String files) {}

    public List<Candidate> top(MirrorPolicy.Strategy s) {
        String order = switch (s.kind()) {
            case MOST_VIEWS, TRENDING -> "v.views DESC, v.id DESC";
            case RECENTLY_ADDED -> "v.published_at DESC, v.id DESC";
        };
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT v.id, r.files FROM videos v
                        JOIN channels c ON c.id = v.channel_id
                        JOIN remote_videos r ON r.video_id = v.id
                        WHERE NOT v.is_local AND v.privacy = 1 AND v.state = 1
                          AND r.playlist_url IS NOT NULL AND r.sha256_url IS NOT NULL
                          AND v.views >= :minViews
                          AND LOWER(c.host) IN (SELECT host FROM mirror_hosts WHERE redundancy_allowed)
                          AND NOT EXISTS (SELECT 1 FROM mirrors m WHERE m.video_id = v.id)
                        """ + " ORDER BY " + order + " LIMIT " + TOP)
                .bind("minViews", s.minViews())
                .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2))).list());
    }
}

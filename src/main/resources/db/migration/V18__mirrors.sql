-- Mirrors, PeerTube's redundancy. Times are epoch milliseconds.

-- Our copies of other instances' videos (PeerTube's local VideoRedundancy rows), served at
-- /static/redundancy/hls/<uuid>/. One per video; `expires_at` null for a manual mirror.
CREATE TABLE mirrors (
    id ${id},
    video_id BIGINT NOT NULL UNIQUE REFERENCES videos(id) ON DELETE CASCADE,
    strategy TEXT NOT NULL,
    state TEXT NOT NULL,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT,
    error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Other instances' mirrors of videos we know (ours or remote), from their CacheFile activities:
-- `url` is the CacheFile's id, `actor_url` the actor that created it (only it may update or undo
-- it), `base_url` the Link's href (the mirror's HLS directory, no trailing slash). Players get a
-- mirror only once `state` is 'verified' (one random segment checked against the hashes).
CREATE TABLE remote_mirrors (
    id ${id},
    url TEXT NOT NULL UNIQUE,
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    actor_url TEXT NOT NULL,
    base_url TEXT NOT NULL,
    expires_at BIGINT,
    state TEXT NOT NULL,
    checked_at BIGINT,
    check_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX remote_mirrors_video ON remote_mirrors(video_id);

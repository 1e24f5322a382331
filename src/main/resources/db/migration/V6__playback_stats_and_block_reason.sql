-- What players report about playback (POST /api/v1/metrics/playback), summed per video and per hour.
-- Reports carry deltas since the player's previous one, so sums are the bytes actually moved.
-- hour_start is the epoch millisecond at which the UTC hour begins. A deleted video's rows keep
-- their bytes with video_id NULL, so instance totals do not shrink when videos go away.
CREATE TABLE video_playback_stats (
    video_id BIGINT REFERENCES videos(id) ON DELETE SET NULL,
    hour_start BIGINT NOT NULL,
    p2p_bytes BIGINT NOT NULL,
    http_bytes BIGINT NOT NULL,
    uploaded_bytes BIGINT NOT NULL,
    reports BIGINT NOT NULL,
    max_peers INTEGER NOT NULL,
    UNIQUE (video_id, hour_start)
);
CREATE INDEX video_playback_stats_hour ON video_playback_stats(hour_start);

-- Why an admin or moderator blocked a user (PeerTube's blockedReason).
ALTER TABLE users ADD COLUMN blocked_reason TEXT;

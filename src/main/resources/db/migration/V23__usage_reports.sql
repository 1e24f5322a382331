-- Hourly usage reports between a mirror and an origin, one row per (direction, peer, video, hour).
-- 'sent': we are the mirror and told `peer_host` (the origin) what we served for it;
-- 'received': we are the origin and `peer_host` (a mirror) told us. Both sides end with the same
-- bilateral statement: the mirror's claim, the origin's own figure (what its players counted for
-- that mirror) and, when the claim is far above the players' figures, the reason it was flagged.
-- Times are epoch milliseconds; `hour_start` is the start of the hour reported.
CREATE TABLE usage_reports (
    id ${id},
    direction TEXT NOT NULL,
    peer_host TEXT NOT NULL,
    video_uuid TEXT NOT NULL,
    hour_start BIGINT NOT NULL,
    claimed_bytes BIGINT NOT NULL,
    held_bytes BIGINT NOT NULL DEFAULT 0,
    origin_bytes BIGINT,
    flag TEXT,
    activity_url TEXT,
    reported_at BIGINT NOT NULL,
    answered_at BIGINT,
    UNIQUE (direction, peer_host, video_uuid, hour_start)
);
CREATE INDEX usage_reports_peer_hour ON usage_reports(peer_host, hour_start);

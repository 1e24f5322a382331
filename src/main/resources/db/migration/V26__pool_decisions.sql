-- The pool planner's last decisions, for the admin's pool view: one row per video it added, kept or
-- evicted, with the reason in words and the origin egress it saves per hour. Replaced whole by each
-- plan; `pool_plans` keeps when we last planned (one row), so an empty plan still shows its time.
CREATE TABLE pool_decisions (
    video_uuid TEXT PRIMARY KEY,
    video_name TEXT,
    origin_host TEXT,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    saved_bytes_per_hour BIGINT NOT NULL,
    planned_at BIGINT NOT NULL
);

CREATE TABLE pool_plans (
    id INTEGER PRIMARY KEY,
    planned_at BIGINT NOT NULL
);

-- Each origin's load as its pressure answer last said (bytes per hour; capacity 0 = unknown), for
-- the pool view's `capacityUse`.
CREATE TABLE pool_origins (
    host TEXT PRIMARY KEY,
    capacity_bytes_per_hour BIGINT NOT NULL,
    egress_bytes_per_hour BIGINT NOT NULL,
    fetched_at BIGINT NOT NULL
);

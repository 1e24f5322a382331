-- Receiving mirrors and outliving an origin. Times are epoch milliseconds.

-- Our own copy of a remote video's segments-sha256.json (capped, a few KB): what other instances'
-- mirrors are checked against, and what our players verify segments with while the origin is down
-- (a mirror must never vouch for its own bytes).
ALTER TABLE remote_videos ADD COLUMN segments_sha256 TEXT;

-- Whether the origin of remote videos answers, per host: `unreachable_since` is null while it does;
-- `probe_url` is a master playlist of one of its videos, asked again while the host is down.
CREATE TABLE origin_hosts (
    host TEXT PRIMARY KEY,
    probe_url TEXT NOT NULL,
    unreachable_since BIGINT,
    last_checked BIGINT NOT NULL
);

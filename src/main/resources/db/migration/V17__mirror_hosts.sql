-- Instances whose videos we may mirror, set by the admin per followed instance (PeerTube's
-- server.redundancyAllowed, PUT /api/v1/server/redundancy/{host}); no row means not allowed.
CREATE TABLE mirror_hosts (
    host TEXT PRIMARY KEY,
    redundancy_allowed BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL
);

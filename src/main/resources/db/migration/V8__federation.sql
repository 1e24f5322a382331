-- ActivityPub federation: actors (ours with their private keys, remote ones as fetched), follows
-- between them, the inbox (persisted before we answer 202), the outbox (bodies delivered by jobs),
-- blocks, and what we know of remote videos and comments.

CREATE TABLE actors (
    id ${id},
    url TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    username TEXT NOT NULL,
    host TEXT NOT NULL,
    is_local BOOLEAN NOT NULL,
    account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
    channel_id BIGINT REFERENCES channels(id) ON DELETE CASCADE,
    inbox TEXT NOT NULL,
    shared_inbox TEXT,
    outbox TEXT,
    followers TEXT,
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT,
    fetched_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX actors_account ON actors(account_id);
CREATE INDEX actors_channel ON actors(channel_id);
CREATE INDEX actors_host ON actors(host);

CREATE UNIQUE INDEX accounts_remote_name ON accounts(name, host) WHERE host IS NOT NULL;
CREATE UNIQUE INDEX channels_remote_name ON channels(name, host) WHERE host IS NOT NULL;

-- state: pending (waiting for Accept or for the admin), accepted.
CREATE TABLE actor_follows (
    id ${id},
    follower_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    target_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    activity_url TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (follower_id, target_id)
);
CREATE INDEX actor_follows_target ON actor_follows(target_id, state);

-- Every accepted inbound activity: the durable inbox, and the replay guard keyed by id and signature
-- (PeerTube re-uses activity ids, e.g. a new Follow after an Undo; a replay re-sends the same signature).
CREATE TABLE inbox_activities (
    id ${id},
    activity_url TEXT NOT NULL,
    signature_hash TEXT NOT NULL,
    actor_url TEXT NOT NULL,
    signer_url TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (activity_url, signature_hash)
);

-- Bodies of activities we send; one delivery job per (activity, inbox) points here. A row without
-- actor only remembers that a video's Create happened while nobody followed (the next is an Update).
CREATE TABLE outbox_activities (
    id ${id},
    activity_url TEXT NOT NULL,
    actor_id BIGINT REFERENCES actors(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_activities_url ON outbox_activities(activity_url);

CREATE TABLE server_blocks (
    host TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE account_blocks (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

-- A remote video plays from its origin: its playlist, segment hashes, trackers and swarm ids.
CREATE TABLE remote_videos (
    video_id BIGINT PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    url TEXT NOT NULL UNIQUE,
    playlist_url TEXT,
    sha256_url TEXT,
    infohashes TEXT NOT NULL,
    trackers TEXT NOT NULL,
    files TEXT NOT NULL,
    thumbnail_url TEXT,
    fetched_at BIGINT NOT NULL
);

ALTER TABLE video_comments ADD COLUMN url TEXT;
CREATE UNIQUE INDEX video_comments_url ON video_comments(url);

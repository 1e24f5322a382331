-- Tandem schema, portable between SQLite and PostgreSQL.
-- Times are epoch milliseconds (BIGINT); ${id} is the dialect's auto-increment primary key.

CREATE TABLE users (
    id ${id},
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role INTEGER NOT NULL,
    video_quota BIGINT NOT NULL,
    video_quota_daily BIGINT NOT NULL,
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    nsfw_policy TEXT NOT NULL DEFAULT 'display',
    created_at BIGINT NOT NULL
);

CREATE TABLE accounts (
    id ${id},
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    host TEXT,
    display_name TEXT NOT NULL,
    description TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_local_name ON accounts(name) WHERE host IS NULL;

CREATE TABLE channels (
    id ${id},
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    host TEXT,
    display_name TEXT NOT NULL,
    description TEXT,
    support TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX channels_local_name ON channels(name) WHERE host IS NULL;

CREATE TABLE oauth_clients (
    id ${id},
    client_id TEXT NOT NULL UNIQUE,
    client_secret TEXT NOT NULL
);

-- Tokens are stored as SHA-256 hashes: a leaked table does not leak sessions.
CREATE TABLE oauth_tokens (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    access_hash TEXT NOT NULL UNIQUE,
    refresh_hash TEXT NOT NULL UNIQUE,
    access_expires_at BIGINT NOT NULL,
    refresh_expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE videos (
    id ${id},
    uuid TEXT NOT NULL UNIQUE,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    support TEXT,
    category INTEGER,
    licence INTEGER,
    language TEXT,
    privacy INTEGER NOT NULL,
    nsfw BOOLEAN NOT NULL DEFAULT FALSE,
    download_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    comments_policy INTEGER NOT NULL DEFAULT 1,
    wait_transcoding BOOLEAN NOT NULL DEFAULT TRUE,
    state INTEGER NOT NULL,
    state_reason TEXT,
    transcode_progress INTEGER NOT NULL DEFAULT 0,
    duration INTEGER NOT NULL DEFAULT 0,
    aspect_ratio DOUBLE PRECISION,
    input_size BIGINT NOT NULL DEFAULT 0,
    input_name TEXT,
    file_key TEXT NOT NULL,
    views BIGINT NOT NULL DEFAULT 0,
    likes BIGINT NOT NULL DEFAULT 0,
    dislikes BIGINT NOT NULL DEFAULT 0,
    is_local BOOLEAN NOT NULL DEFAULT TRUE,
    has_thumbnail BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT,
    originally_published_at BIGINT
);
CREATE INDEX videos_channel ON videos(channel_id);
CREATE INDEX videos_published ON videos(published_at);

CREATE TABLE video_tags (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (video_id, tag)
);
CREATE INDEX video_tags_tag ON video_tags(tag);

-- kind 'web' is the uploaded original (downloadable, has a torrent); kind 'hls' a rendition of the ladder.
CREATE TABLE video_files (
    id ${id},
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    resolution INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    fps DOUBLE PRECISION NOT NULL,
    size BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    torrent_name TEXT,
    info_hash TEXT,
    has_audio BOOLEAN NOT NULL,
    has_video BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX video_files_video ON video_files(video_id);

CREATE TABLE upload_sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    metadata TEXT NOT NULL,
    file_name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    video_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE jobs (
    id ${id},
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 100,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at BIGINT NOT NULL,
    locked_by TEXT,
    heartbeat_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_ready ON jobs(state, run_at);

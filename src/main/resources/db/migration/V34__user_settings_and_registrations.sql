-- What each user chooses for themselves (PeerTube's user settings), the sign-ups that wait for an
-- administrator, and password-reset links. p2p_enabled NULL means "not decided yet" (the instance
-- asks the user first); users who existed before this version kept P2P on, as they had it.
ALTER TABLE users ADD COLUMN p2p_enabled BOOLEAN;
UPDATE users SET p2p_enabled = TRUE;
ALTER TABLE users ADD COLUMN auto_play_video BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN auto_play_next_video BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN video_languages TEXT;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN theme TEXT NOT NULL DEFAULT 'system';

-- A sign-up request on an instance whose registrations need approval. The password is stored
-- hashed, as for users; state: 1 pending, 2 rejected, 3 accepted (PeerTube's numbers).
CREATE TABLE user_registrations (
    id ${id},
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT,
    channel_name TEXT,
    channel_display_name TEXT,
    reason TEXT NOT NULL,
    state INTEGER NOT NULL,
    moderation_response TEXT,
    language TEXT,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX user_registrations_created ON user_registrations (created_at);

-- One live reset link per user, stored as a SHA-256 hash; used once, then deleted.
CREATE TABLE password_resets (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

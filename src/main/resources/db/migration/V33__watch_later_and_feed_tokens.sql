-- PeerTube's playlist types: 1 regular, 2 "Watch later" (one per account, never deleted).
ALTER TABLE playlists ADD COLUMN type INTEGER NOT NULL DEFAULT 1;

-- PeerTube's feed token: the secret in a user's private subscriptions feed URL (readers cannot log in).
CREATE TABLE user_feed_tokens (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

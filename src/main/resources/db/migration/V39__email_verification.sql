-- PeerTube's emailVerified: NULL when nobody asked (users an administrator made, or made before this
-- version), FALSE from a sign-up that requires verification until the user follows the link mailed
-- to them, TRUE after.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN;

-- One live verification link per user, stored as a SHA-256 hash; used once, then deleted.
CREATE TABLE email_verifications (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

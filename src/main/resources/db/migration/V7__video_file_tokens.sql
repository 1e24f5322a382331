-- Short-lived tokens that open a private video's files to the player (PeerTube's videoFileToken):
-- media requests cannot carry the Authorization header, so the player adds ?videoFileToken=.
CREATE TABLE video_file_tokens (
    token VARCHAR(64) PRIMARY KEY,
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX video_file_tokens_expiry ON video_file_tokens(expires_at);

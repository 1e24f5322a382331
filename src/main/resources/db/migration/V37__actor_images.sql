-- Avatars and banners of accounts and channels, ours and remote ones: one row per stored size.
-- Exactly one of account_id and channel_id is set. file_url is the origin's address of a remote
-- actor's picture (fetched on first request and kept under file_name), null for ours.
CREATE TABLE actor_images (
    id ${id},
    account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
    channel_id BIGINT REFERENCES channels(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    file_url TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((account_id IS NULL AND channel_id IS NOT NULL) OR (account_id IS NOT NULL AND channel_id IS NULL))
);
CREATE UNIQUE INDEX actor_images_file ON actor_images(file_name);
CREATE INDEX actor_images_account ON actor_images(account_id, kind);
CREATE INDEX actor_images_channel ON actor_images(channel_id, kind);

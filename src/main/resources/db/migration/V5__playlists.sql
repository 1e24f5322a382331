-- Playlists of an account (optionally shown on one of its channels) and their ordered elements.
CREATE TABLE playlists (
    id ${id},
    uuid TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    channel_id BIGINT REFERENCES channels(id) ON DELETE SET NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    privacy INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE playlist_elements (
    id ${id},
    playlist_id BIGINT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start_timestamp INTEGER,
    stop_timestamp INTEGER,
    created_at BIGINT NOT NULL
);
CREATE INDEX playlist_elements_playlist ON playlist_elements(playlist_id, position);

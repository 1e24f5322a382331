-- Comments (threads and replies, soft-deleted as PeerTube does), ratings, and counted views.

CREATE TABLE video_comments (
    id ${id},
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    thread_id BIGINT,
    in_reply_to BIGINT,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX video_comments_thread ON video_comments(video_id, thread_id);

CREATE TABLE video_ratings (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    rating TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (video_id, account_id)
);

-- One row per (video, viewer): when a view was last counted, so a viewer counts once an hour.
CREATE TABLE video_view_counts (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    viewer TEXT NOT NULL,
    counted_at BIGINT NOT NULL,
    PRIMARY KEY (video_id, viewer)
);

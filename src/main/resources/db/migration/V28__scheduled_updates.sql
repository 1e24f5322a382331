-- PeerTube's `scheduleUpdate`: at `update_at` (epoch milliseconds) the video takes `privacy` (public or
-- unlisted) and is published as any other; a durable job of type `video-scheduled-update` does it.
CREATE TABLE video_schedules (
    video_id BIGINT PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    update_at BIGINT NOT NULL,
    privacy INTEGER NOT NULL
);

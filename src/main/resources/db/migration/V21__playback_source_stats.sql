-- How many bytes each HTTP source (the origin or a mirror, by host) carried for players of a video,
-- from the `tandemSources` of playback reports, summed per video, hour and host. Like
-- video_playback_stats, a deleted video's rows keep their bytes with video_id NULL.
CREATE TABLE video_source_stats (
    video_id BIGINT REFERENCES videos(id) ON DELETE SET NULL,
    hour_start BIGINT NOT NULL,
    host TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    reports BIGINT NOT NULL,
    UNIQUE (video_id, hour_start, host)
);

-- Counted views per video and UTC day (days since 1970-01-01): what the trending sort adds up over
-- its last days, so a video watched today ranks above one that was watched more a month ago.
CREATE TABLE video_daily_views (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    views BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (video_id, day)
);
CREATE INDEX video_daily_views_day ON video_daily_views(day, video_id);

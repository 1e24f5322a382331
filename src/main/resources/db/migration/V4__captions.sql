-- One WebVTT caption per (video, language).
CREATE TABLE video_captions (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    file_name TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (video_id, language)
);

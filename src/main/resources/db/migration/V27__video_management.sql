-- Video management (issue 16): a replaced thumbnail gets a new file name, so the caches of browsers and of
-- other instances (which copy it by URL) see a new image; 0 is the name the upload's thumbnail job wrote.
ALTER TABLE videos ADD COLUMN thumbnail_version INTEGER NOT NULL DEFAULT 0;

-- A video's chapters as PeerTube's `/api/v1/videos/{id}/chapters`: a title from a timecode (seconds) on.
CREATE TABLE video_chapters (
    video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    timecode INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (video_id, timecode)
);

-- SQLite half of the list work (db/postgresql has the other).
--
-- video_counts: how many published public videos each channel has (and how many of them are local),
-- kept by triggers, so the unfiltered public lists' `total` costs a few rows rather than a count over
-- the whole table. Row channel_id = 0 holds the sums over every channel.
CREATE TABLE video_counts (
    channel_id BIGINT PRIMARY KEY,
    public_videos BIGINT NOT NULL DEFAULT 0,
    public_local_videos BIGINT NOT NULL DEFAULT 0
);
INSERT INTO video_counts (channel_id, public_videos, public_local_videos)
    SELECT channel_id, COUNT(*), SUM(CASE WHEN is_local THEN 1 ELSE 0 END) FROM videos
    WHERE privacy = 1 AND state = 1 GROUP BY channel_id;
INSERT INTO video_counts (channel_id, public_videos, public_local_videos)
    SELECT 0, COUNT(*), COALESCE(SUM(CASE WHEN is_local THEN 1 ELSE 0 END), 0) FROM videos WHERE privacy = 1 AND state = 1;

CREATE TRIGGER video_counts_insert AFTER INSERT ON videos WHEN NEW.privacy = 1 AND NEW.state = 1
BEGIN
    INSERT INTO video_counts (channel_id, public_videos, public_local_videos)
        VALUES (NEW.channel_id, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END), (0, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END)
        ON CONFLICT (channel_id) DO UPDATE SET public_videos = public_videos + 1,
            public_local_videos = public_local_videos + excluded.public_local_videos;
END;

CREATE TRIGGER video_counts_delete AFTER DELETE ON videos WHEN OLD.privacy = 1 AND OLD.state = 1
BEGIN
    UPDATE video_counts SET public_videos = public_videos - 1,
        public_local_videos = public_local_videos - CASE WHEN OLD.is_local THEN 1 ELSE 0 END
        WHERE channel_id IN (OLD.channel_id, 0);
END;

CREATE TRIGGER video_counts_update_out AFTER UPDATE OF privacy, state, channel_id, is_local ON videos
    WHEN OLD.privacy = 1 AND OLD.state = 1
BEGIN
    UPDATE video_counts SET public_videos = public_videos - 1,
        public_local_videos = public_local_videos - CASE WHEN OLD.is_local THEN 1 ELSE 0 END
        WHERE channel_id IN (OLD.channel_id, 0);
END;

CREATE TRIGGER video_counts_update_in AFTER UPDATE OF privacy, state, channel_id, is_local ON videos
    WHEN NEW.privacy = 1 AND NEW.state = 1
BEGIN
    INSERT INTO video_counts (channel_id, public_videos, public_local_videos)
        VALUES (NEW.channel_id, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END), (0, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END)
        ON CONFLICT (channel_id) DO UPDATE SET public_videos = public_videos + 1,
            public_local_videos = public_local_videos + excluded.public_local_videos;
END;

-- video_names: an FTS5 trigram index over the videos' names (external content: the names stay in
-- videos), which answers "name contains this text" (3 characters or more, case-insensitive) from
-- the index; the list query re-checks its LIKE on the rows found, so results are what they were.
CREATE VIRTUAL TABLE video_names USING fts5(name, content = 'videos', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO video_names (video_names) VALUES ('rebuild');

CREATE TRIGGER video_names_insert AFTER INSERT ON videos
BEGIN
    INSERT INTO video_names (rowid, name) VALUES (NEW.id, NEW.name);
END;

CREATE TRIGGER video_names_delete AFTER DELETE ON videos
BEGIN
    INSERT INTO video_names (video_names, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;

CREATE TRIGGER video_names_update AFTER UPDATE OF name ON videos
BEGIN
    INSERT INTO video_names (video_names, rowid, name) VALUES ('delete', OLD.id, OLD.name);
    INSERT INTO video_names (rowid, name) VALUES (NEW.id, NEW.name);
END;

-- PostgreSQL half of the category counters (db/sqlite has the other).
--
-- video_category_counts: how many published public videos each channel has in each category (and how
-- many of them are local), kept by a trigger like V15.1's video_counts, so a category list's `total`
-- (categoryOneOf) costs a few rows rather than a count over the category's videos. Row channel_id = 0
-- holds each category's sums over every channel; videos without a category are not counted (no
-- categoryOneOf can ask for them).
CREATE TABLE video_category_counts (
    channel_id BIGINT NOT NULL,
    category INTEGER NOT NULL,
    public_videos BIGINT NOT NULL DEFAULT 0,
    public_local_videos BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, category)
);
INSERT INTO video_category_counts (channel_id, category, public_videos, public_local_videos)
    SELECT channel_id, category, COUNT(*), SUM(CASE WHEN is_local THEN 1 ELSE 0 END) FROM videos
    WHERE privacy = 1 AND state = 1 AND category IS NOT NULL GROUP BY channel_id, category;
INSERT INTO video_category_counts (channel_id, category, public_videos, public_local_videos)
    SELECT 0, category, COUNT(*), SUM(CASE WHEN is_local THEN 1 ELSE 0 END) FROM videos
    WHERE privacy = 1 AND state = 1 AND category IS NOT NULL GROUP BY category;

CREATE FUNCTION video_category_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.privacy = 1 AND OLD.state = 1 AND OLD.category IS NOT NULL THEN
        UPDATE video_category_counts SET public_videos = public_videos - 1,
            public_local_videos = public_local_videos - CASE WHEN OLD.is_local THEN 1 ELSE 0 END
            WHERE channel_id IN (OLD.channel_id, 0) AND category = OLD.category;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.privacy = 1 AND NEW.state = 1 AND NEW.category IS NOT NULL THEN
        INSERT INTO video_category_counts (channel_id, category, public_videos, public_local_videos)
            VALUES (NEW.channel_id, NEW.category, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END),
                   (0, NEW.category, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END)
            ON CONFLICT (channel_id, category) DO UPDATE SET public_videos = video_category_counts.public_videos + 1,
                public_local_videos = video_category_counts.public_local_videos + excluded.public_local_videos;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER video_category_counts AFTER INSERT OR DELETE OR UPDATE OF privacy, state, channel_id, is_local, category ON videos
    FOR EACH ROW EXECUTE FUNCTION video_category_counts_apply();

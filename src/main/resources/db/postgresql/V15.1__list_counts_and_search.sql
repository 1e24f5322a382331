-- PostgreSQL half of the list work (db/sqlite has the other).
--
-- video_counts: how many published public videos each channel has (and how many of them are local),
-- kept by a trigger, so the unfiltered public lists' `total` costs a few rows rather than a count over
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

CREATE FUNCTION video_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.privacy = 1 AND OLD.state = 1 THEN
        UPDATE video_counts SET public_videos = public_videos - 1,
            public_local_videos = public_local_videos - CASE WHEN OLD.is_local THEN 1 ELSE 0 END
            WHERE channel_id IN (OLD.channel_id, 0);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.privacy = 1 AND NEW.state = 1 THEN
        INSERT INTO video_counts (channel_id, public_videos, public_local_videos)
            VALUES (NEW.channel_id, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END), (0, 1, CASE WHEN NEW.is_local THEN 1 ELSE 0 END)
            ON CONFLICT (channel_id) DO UPDATE SET public_videos = video_counts.public_videos + 1,
                public_local_videos = video_counts.public_local_videos + excluded.public_local_videos;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER video_counts AFTER INSERT OR DELETE OR UPDATE OF privacy, state, channel_id, is_local ON videos
    FOR EACH ROW EXECUTE FUNCTION video_counts_apply();

-- Name search ("name contains this text", lower-cased LIKE) from a pg_trgm GIN index when the extension
-- can be had: created here if this role may (it is a trusted extension), found in whatever schema holds
-- it. Without it the same query runs, unindexed, and a notice says why.
DO $$
DECLARE
    ext_schema TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm not created (%): video search runs without a text index', SQLERRM;
    END;
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NOT NULL THEN
        -- fastupdate off: new names go straight into the index; a pending list would be read by every search
        -- until a vacuum merged it (17 ms instead of 0.2 ms per search after 100,000 inserts in bench/api.sh).
        EXECUTE format('CREATE INDEX videos_name_trgm ON videos USING gin (LOWER(name) %I.gin_trgm_ops) WITH (fastupdate = off)', ext_schema);
    END IF;
END $$;
